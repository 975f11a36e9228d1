package smbkit.change;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import smbkit.Failure;
import smbkit.SmbkitException;
import smbkit.access.Registry;
import smbkit.access.ServerAccess;
import smbkit.kb.AnonymousSetting;
import smbkit.model.Connection;
import smbkit.model.RegistryValue;
import smbkit.model.Share;
import smbkit.render.SecurityDescriptors;

/**
 * KB 328459's Method 2 on one machine: its printer shares, removed with all it takes to put them back.
 * Windows removes and re-creates a share with NetrShareDel/NetrShareAdd. Samba refuses NetrShareDel for
 * printers (a hard-coded check), so a printer share kept in its registry configuration is removed and
 * re-created as its key under Software\Samba\smbconf; one defined in smb.conf can only be edited there.
 */
public final class PrinterShares {

    private PrinterShares() {}

    public enum Way {
        SRVSVC("NetrShareDel"),
        REGISTRY("registry"),
        NONE("none");

        /** The short name tables show; {@link Plan#why()} explains it. */
        public final String label;

        Way(String label) {
            this.label = label;
        }
    }

    /** A printer share as found, with who uses it now and, on Samba, its registry values. */
    public record Printer(Share share, long connections, List<String> clients, String registryKey,
            Map<String, RegistryValue> registryValues) {}

    /** What remove-printer-shares found on one machine and how it would remove it. */
    public record Plan(String host, Way way, String why, List<Printer> printers) {}

    public record Outcome(String share, boolean ok, String result) {}

    /** @param only share names to act on (empty: every printer share); one that is not a printer share is NOT_FOUND */
    public static Plan plan(ServerAccess server, List<String> only) {
        List<Share> all = server.shares();
        for (String name : only) {
            if (all.stream().noneMatch(s -> s.isPrinter() && s.name().equalsIgnoreCase(name))) {
                throw new SmbkitException(Failure.NOT_FOUND, server.where() + " has no printer share " + name,
                        "List them with smb-printer-shares " + server.where() + "; nothing was changed");
            }
        }
        List<Share> printers = all.stream().filter(Share::isPrinter)
                .filter(s -> only.isEmpty() || only.stream().anyMatch(s.name()::equalsIgnoreCase)).toList();
        boolean samba = server.serverInfoOrNull() != null && server.serverInfoOrNull().isSamba();
        Registry registry = null;
        String registryRefusal = null;
        if (samba && !printers.isEmpty()) {
            try {
                registry = server.registry();
                registry.keyExists(AnonymousSetting.SAMBA_CONF);
            } catch (SmbkitException e) {
                if (e.failure() == Failure.ACCESS_DENIED) {
                    throw e;
                }
                registry = null;
                registryRefusal = e.oneLine();
            }
        }
        List<Printer> out = new ArrayList<>();
        boolean allInRegistry = true;
        for (Share listed : printers) {
            Share share = detailed(server, listed);
            // Samba's current-use count is a placeholder, and so are its connection details; the number of
            // connections it lists is real. Windows gives both.
            List<String> clients = new ArrayList<>();
            Long connected = null;
            try {
                List<Connection> connections = server.connections(share.name());
                connected = (long) connections.size();
                if (server.connectionsAreReliable()) {
                    connections.stream().map(Connection::netname).distinct().forEach(clients::add);
                }
            } catch (SmbkitException e) {
                // who is connected is a bonus: the current use count still says how many
            }
            String key = null;
            Map<String, RegistryValue> values = Map.of();
            if (registry != null) {
                key = registryKey(registry, share.name());
                if (key != null) {
                    values = registry.values(key);
                }
            }
            allInRegistry &= key != null;
            long uses = connected != null ? connected : share.currentUses() == null ? 0 : share.currentUses();
            out.add(new Printer(share, uses, clients, key, values));
        }
        if (!samba) {
            return new Plan(server.where(), Way.SRVSVC, "Windows removes printer shares with NetrShareDel", out);
        }
        if (out.isEmpty()) {
            return new Plan(server.where(), Way.NONE, "no printer shares", out);
        }
        if (registry == null) {
            return new Plan(server.where(), Way.NONE, "Samba refuses NetrShareDel for printer shares and its registry is "
                    + "out of reach (" + registryRefusal + "): on that machine, remove the [share] sections from smb.conf "
                    + "(or set 'printable = no') and run 'smbcontrol smbd reload-config'", out);
        }
        if (!allInRegistry) {
            return new Plan(server.where(), Way.NONE, "Samba refuses NetrShareDel for printer shares and these are defined "
                    + "in smb.conf, not in its registry: on that machine, remove their sections from smb.conf (or move them "
                    + "into the registry with 'net conf import') and run 'smbcontrol smbd reload-config'", out);
        }
        return new Plan(server.where(), Way.REGISTRY, "Samba refuses NetrShareDel for printer shares; these live in its "
                + "registry configuration, where removing a key removes the share at once", out);
    }

    /** Level 502 where the server grants it (with the security descriptor), else what the listing gave. */
    private static Share detailed(ServerAccess server, Share listed) {
        try {
            return server.share(listed.name());
        } catch (SmbkitException e) {
            return listed;
        }
    }

    private static String registryKey(Registry registry, String share) {
        for (String k : registry.subkeys(AnonymousSetting.SAMBA_CONF)) {
            if (k.equalsIgnoreCase(share)) {
                return AnonymousSetting.SAMBA_CONF + "\\" + k;
            }
        }
        return null;
    }

    /** The backup: everything needed to re-create each share, security descriptor and registry values included. */
    public static Map<String, Object> backup(Plan plan) {
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("tool", "remove-printer-shares");
        b.put("host", plan.host());
        b.put("time", Instant.now().toString());
        b.put("way", plan.way().name().toLowerCase(java.util.Locale.ROOT));
        List<Object> shares = new ArrayList<>();
        for (Printer p : plan.printers()) {
            Share s = p.share();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", s.name());
            m.put("type", s.type());
            m.put("remark", s.remark());
            m.put("path", s.path());
            m.put("permissions", s.permissions());
            m.put("max_uses", s.maxUses());
            m.put("security_descriptor", SecurityDescriptors.describe(s.securityDescriptor()));
            m.put("security_descriptor_sddl", SecurityDescriptors.sddl(s.securityDescriptor()));
            m.put("security_descriptor_hex", s.securityDescriptor() == null ? null : HexFormat.of().formatHex(s.securityDescriptor()));
            m.put("registry_key", p.registryKey());
            Map<String, Object> values = new LinkedHashMap<>();
            p.registryValues().forEach((name, v) -> {
                Map<String, Object> val = new LinkedHashMap<>();
                val.put("type", v.typeName());
                val.put("type_code", v.type());
                val.put("value", v.display());
                val.put("data_hex", HexFormat.of().formatHex(v.data()));
                values.put(name, val);
            });
            m.put("registry_values", values);
            shares.add(m);
        }
        b.put("shares", shares);
        return b;
    }

    public static List<Outcome> remove(ServerAccess server, Plan plan) {
        List<Outcome> out = new ArrayList<>();
        for (Printer p : plan.printers()) {
            try {
                if (plan.way() == Way.SRVSVC) {
                    server.deleteShare(p.share().name());
                } else if (plan.way() == Way.REGISTRY) {
                    server.registry().deleteKey(p.registryKey());
                } else {
                    out.add(new Outcome(p.share().name(), false, "refused: " + plan.why()));
                    continue;
                }
                out.add(new Outcome(p.share().name(), true, "removed"));
            } catch (SmbkitException e) {
                out.add(new Outcome(p.share().name(), false, "failed: " + e.oneLine()));
            }
        }
        List<String> still = server.shares().stream().filter(Share::isPrinter).map(Share::key).toList();
        List<Outcome> checked = new ArrayList<>();
        for (Outcome o : out) {
            boolean there = still.contains(o.share().toLowerCase(java.util.Locale.ROOT));
            checked.add(o.ok() && there ? new Outcome(o.share(), false, "still listed after removal") : o);
        }
        return checked;
    }

    @SuppressWarnings("unchecked")
    public static List<Outcome> restore(ServerAccess server, Map<String, Object> backup) {
        String way = String.valueOf(backup.get("way"));
        List<Outcome> out = new ArrayList<>();
        for (Object o : (List<Object>) backup.getOrDefault("shares", List.of())) {
            Map<String, Object> m = (Map<String, Object>) o;
            String name = (String) m.get("name");
            Share wanted = share(m);
            try {
                if ("registry".equals(way)) {
                    Registry registry = server.registry();
                    String key = (String) m.get("registry_key");
                    registry.createKey(key);
                    for (Map.Entry<String, Object> v : ((Map<String, Object>) m.get("registry_values")).entrySet()) {
                        Map<String, Object> val = (Map<String, Object>) v.getValue();
                        registry.set(key, v.getKey(), new RegistryValue(((Number) val.get("type_code")).intValue(),
                                HexFormat.of().parseHex((String) val.get("data_hex"))));
                    }
                } else if ("srvsvc".equals(way)) {
                    server.addShare(wanted);
                } else {
                    out.add(new Outcome(name, false, "the backup records no way to re-create it"));
                    continue;
                }
                out.add(verify(server, wanted));
            } catch (SmbkitException e) {
                out.add(new Outcome(name, false, "failed: " + e.oneLine()));
            }
        }
        return out;
    }

    /** Re-read the share and compare what the backup kept: name, type, remark, path, descriptor where kept. */
    private static Outcome verify(ServerAccess server, Share wanted) {
        Share now;
        try {
            now = server.share(wanted.name());
        } catch (SmbkitException e) {
            return new Outcome(wanted.name(), false, "not there after the restore: " + e.oneLine());
        }
        List<String> differences = new ArrayList<>();
        if ((now.type() & Share.STYPE_MASK) != (wanted.type() & Share.STYPE_MASK)) {
            differences.add("type " + now.kind());
        }
        if (!String.valueOf(now.remark()).equals(String.valueOf(wanted.remark()))) {
            differences.add("remark '" + now.remark() + "'");
        }
        if (!String.valueOf(now.path()).equalsIgnoreCase(String.valueOf(wanted.path()))) {
            differences.add("path " + now.path());
        }
        if (wanted.securityDescriptor() != null && !java.util.Arrays.equals(now.securityDescriptor(), wanted.securityDescriptor())) {
            differences.add("security descriptor " + SecurityDescriptors.describe(now.securityDescriptor()));
        }
        return differences.isEmpty() ? new Outcome(wanted.name(), true, "restored, as in the backup")
                : new Outcome(wanted.name(), false, "restored but differs: " + String.join(", ", differences));
    }

    private static Share share(Map<String, Object> m) {
        String hex = (String) m.get("security_descriptor_hex");
        return new Share((String) m.get("name"), number(m.get("type")), (String) m.get("remark"),
                Optional.ofNullable(m.get("permissions")).map(PrinterShares::number).orElse(null),
                Optional.ofNullable(m.get("max_uses")).map(PrinterShares::number).orElse(null), null, (String) m.get("path"),
                hex == null ? null : HexFormat.of().parseHex(hex));
    }

    private static long number(Object o) {
        if (!(o instanceof Number n)) {
            throw new SmbkitException(Failure.FILE_ERROR, "the backup is damaged: " + o + " is not a number",
                    "Give the file remove-printer-shares wrote, unchanged");
        }
        return n.longValue();
    }
}
