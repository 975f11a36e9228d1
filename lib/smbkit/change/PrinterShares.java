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
import smbkit.access.ShareControl;
import smbkit.model.Connection;
import smbkit.model.RegistryKeys;
import smbkit.model.RegistryValue;
import smbkit.model.Share;
import smbkit.rpc.dtyp.SecurityDescriptorText;

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
                registry.keyExists(RegistryKeys.SAMBA_CONF);
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
        for (String k : registry.subkeys(RegistryKeys.SAMBA_CONF)) {
            if (k.equalsIgnoreCase(share)) {
                return RegistryKeys.SAMBA_CONF + "\\" + k;
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
            m.put("security_descriptor", SecurityDescriptorText.describe(s.securityDescriptor()));
            m.put("security_descriptor_sddl", SecurityDescriptorText.sddl(s.securityDescriptor()));
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
        return remove(server, plan, o -> { });
    }

    /** Removes each share, telling {@code done} as each one is removed (for a run cut off half-way). */
    public static List<Outcome> remove(ServerAccess server, Plan plan, java.util.function.Consumer<Outcome> done) {
        List<Outcome> out = new ArrayList<>();
        for (Printer p : plan.printers()) {
            try {
                if (plan.way() == Way.SRVSVC) {
                    server.capability(ShareControl.class).deleteShare(p.share().name());
                } else if (plan.way() == Way.REGISTRY) {
                    server.registry().deleteKey(p.registryKey());
                } else {
                    out.add(new Outcome(p.share().name(), false, "refused: " + plan.why()));
                    continue;
                }
                out.add(new Outcome(p.share().name(), true, "removed"));
                done.accept(out.get(out.size() - 1));
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

    /** The step's name in its backups. */
    public static final String TOOL = "remove-printer-shares";

    /** One printer share as a backup holds it, checked: what NetrShareAdd or the registry key would get. */
    public record Restorable(Share share, String registryKey, Map<String, RegistryValue> registryValues) {}

    /** A backup checked whole: the host it names, the way it was removed, and each share to re-create. */
    public record RestorePlan(String host, Way way, List<Restorable> shares) {}

    /** Parameters that would make a registry share something other than the printer share it was. */
    private static final List<String> FORBIDDEN_PARAMETERS = List.of("include", "copy", "config file", "preexec",
            "root preexec", "postexec", "root postexec", "magic script", "vfs objects", "msdfs proxy");

    /**
     * Reads a backup as a plan, every value checked before anything is written: sealed, written by this step,
     * naming its host, and holding printer shares only (type print queue; on Samba, a key directly under
     * smbconf named as the share, not [global] nor any other section, 'printable = yes', REG_SZ values and
     * none of the parameters that run commands as root or pull in other configuration). Anything else is
     * refused with a line naming it (FILE_ERROR).
     */
    @SuppressWarnings("unchecked")
    public static RestorePlan restorePlan(Map<String, Object> backup, java.nio.file.Path file) {
        if (!TOOL.equals(backup.get("tool"))) {
            throw damaged(file, "it is not a backup of remove-printer-shares");
        }
        if (!(backup.get("host") instanceof String host) || host.isBlank()) {
            throw damaged(file, "it names no host");
        }
        Way way;
        if ("registry".equals(backup.get("way"))) {
            way = Way.REGISTRY;
        } else if ("srvsvc".equals(backup.get("way"))) {
            way = Way.SRVSVC;
        } else {
            throw damaged(file, "it records no way to re-create its shares (way " + backup.get("way") + ")");
        }
        if (!(backup.get("shares") instanceof List<?> list) || list.isEmpty()) {
            throw damaged(file, "it holds no share");
        }
        List<Restorable> out = new ArrayList<>();
        java.util.Set<String> names = new java.util.HashSet<>();
        for (Object o : list) {
            if (!(o instanceof Map<?, ?> raw)) {
                throw damaged(file, "a share is not an object");
            }
            Map<String, Object> m = (Map<String, Object>) raw;
            String name = text(m, "name", file, "a share");
            if (name == null || !validShareName(name)) {
                throw refused(file, "share name '" + name + "' is not a share name smbkit would have backed up");
            }
            if (!names.add(name.toLowerCase(java.util.Locale.ROOT))) {
                throw refused(file, "share " + name + " is in it twice");
            }
            Share share = share(m, file, name);
            if ((share.type() & Share.STYPE_MASK) != Share.STYPE_PRINTQ || (share.type() & Share.STYPE_SPECIAL) != 0) {
                throw refused(file, "share " + name + " is not a printer share (" + share.kind() + "): only printer shares are restored");
            }
            String key = null;
            Map<String, RegistryValue> values = new LinkedHashMap<>();
            if (way == Way.REGISTRY) {
                key = text(m, "registry_key", file, name);
                if (key == null || !key.equalsIgnoreCase(RegistryKeys.SAMBA_CONF + "\\" + name)) {
                    throw refused(file, "share " + name + " would be written to HKLM\\" + key + ", not to its own key "
                            + "HKLM\\" + RegistryKeys.SAMBA_CONF + "\\" + name);
                }
                if (!(m.get("registry_values") instanceof Map<?, ?> rv) || rv.isEmpty()) {
                    throw damaged(file, "share " + name + " has no registry values");
                }
                for (Map.Entry<?, ?> v : rv.entrySet()) {
                    String param = String.valueOf(v.getKey());
                    if (!(v.getValue() instanceof Map<?, ?> val)) {
                        throw damaged(file, "share " + name + ": value " + param + " is not an object");
                    }
                    if (param.isBlank() || FORBIDDEN_PARAMETERS.contains(param.strip().toLowerCase(java.util.Locale.ROOT))) {
                        throw refused(file, "share " + name + " sets '" + param + "', which a printer share restored by smbkit may not set");
                    }
                    if (!(val.get("type_code") instanceof Number t) || t.longValue() != RegistryValue.REG_SZ) {
                        throw refused(file, "share " + name + ": value " + param + " is not REG_SZ, as Samba's configuration keeps them");
                    }
                    String hex = val.get("data_hex") instanceof String h ? h : null;
                    if (hex == null || !hex.matches("([0-9A-Fa-f]{2})*")) {
                        throw damaged(file, "share " + name + ": value " + param + " has no valid data_hex");
                    }
                    values.put(param, new RegistryValue(RegistryValue.REG_SZ, HexFormat.of().parseHex(hex)));
                }
                RegistryValue printable = values.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase("printable")
                        || e.getKey().equalsIgnoreCase("print ok")).map(Map.Entry::getValue).findFirst().orElse(null);
                if (printable == null || !List.of("yes", "true", "1", "on").contains(printable.display().strip().toLowerCase(java.util.Locale.ROOT))) {
                    throw refused(file, "share " + name + " is not 'printable = yes': only printer shares are restored");
                }
                for (String param : values.keySet()) {
                    if ((param.equalsIgnoreCase("printable") || param.equalsIgnoreCase("print ok"))
                            && !List.of("yes", "true", "1", "on").contains(values.get(param).display().strip().toLowerCase(java.util.Locale.ROOT))) {
                        throw refused(file, "share " + name + " sets '" + param + " = " + values.get(param).display() + "'");
                    }
                }
            }
            out.add(new Restorable(share, key, values));
        }
        return new RestorePlan(host, way, out);
    }

    /** What Windows accepts as a share name, and never a section of Samba's with a meaning of its own. */
    static boolean validShareName(String name) {
        return !name.isEmpty() && name.length() <= 80 && name.equals(name.strip()) && !name.endsWith("$")
                && name.chars().noneMatch(c -> c < 0x20 || "\\/[]:|<>+=;,*?\"".indexOf(c) >= 0)
                && !List.of("global", "homes", "printers", "ipc$").contains(name.toLowerCase(java.util.Locale.ROOT));
    }

    /**
     * Re-creates the planned shares (only with {@code apply}; else says what it would do). A share of that name
     * that exists already is never written over: one that matches the backup is left as it is, any other
     * refuses the whole restore before the first write (REFUSED_UNSAFE). A share that fails half-way has its
     * key removed again, so no half-made share stays behind.
     */
    public static List<Outcome> restore(ServerAccess server, RestorePlan plan, boolean apply, java.util.function.Consumer<Outcome> done) {
        List<Share> existing = server.shares();
        List<Restorable> todo = new ArrayList<>();
        List<Outcome> out = new ArrayList<>();
        Registry registry = plan.way() == Way.REGISTRY ? server.registry() : null;
        for (Restorable r : plan.shares()) {
            String name = r.share().name();
            Share there = existing.stream().filter(s -> s.name().equalsIgnoreCase(name)).findFirst().orElse(null);
            boolean keyThere = registry != null && registryKey(registry, name) != null;
            if (there == null && !keyThere) {
                todo.add(r);
                continue;
            }
            Outcome same = there == null ? null : verify(server, r.share());
            if (same != null && same.ok()) {
                out.add(new Outcome(name, true, "there already, as in the backup: left as it is"));
                continue;
            }
            throw new SmbkitException(Failure.REFUSED_UNSAFE, "refused to restore: " + server.where() + " has a share "
                    + name + " already" + (there == null ? " (its registry key)" : " (" + there.kind() + ", path " + there.path() + ")")
                    + ", which the restore would overwrite", "Nothing was changed; remove or rename that share first if you mean it");
        }
        for (Restorable r : todo) {
            String name = r.share().name();
            if (!apply) {
                out.add(new Outcome(name, true, "would re-create (printer share, path " + r.share().path()
                        + (r.registryKey() == null ? "" : ", " + r.registryValues().size() + " registry values: "
                        + String.join(", ", r.registryValues().keySet())) + ")"));
                continue;
            }
            Outcome o;
            try {
                if (plan.way() == Way.REGISTRY) {
                    registry.createKey(r.registryKey());
                    try {
                        for (Map.Entry<String, RegistryValue> v : r.registryValues().entrySet()) {
                            registry.set(r.registryKey(), v.getKey(), v.getValue());
                        }
                    } catch (SmbkitException e) {
                        try {
                            registry.deleteKey(r.registryKey());
                        } catch (SmbkitException again) {
                            throw new SmbkitException(e.failure(), e.getMessage() + "; and its half-made key HKLM\\"
                                    + r.registryKey() + " could not be removed: " + again.getMessage(), e.hint(), e);
                        }
                        throw e;
                    }
                } else {
                    server.capability(ShareControl.class).addShare(r.share());
                }
                o = verify(server, r.share());
            } catch (SmbkitException e) {
                o = new Outcome(name, false, "failed: " + e.oneLine());
            }
            out.add(o);
            done.accept(o);
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
            differences.add("security descriptor " + SecurityDescriptorText.describe(now.securityDescriptor()));
        }
        return differences.isEmpty() ? new Outcome(wanted.name(), true, "restored, as in the backup")
                : new Outcome(wanted.name(), false, "restored but differs: " + String.join(", ", differences));
    }

    private static Share share(Map<String, Object> m, java.nio.file.Path file, String name) {
        String hex = text(m, "security_descriptor_hex", file, name);
        if (hex != null && !hex.matches("([0-9A-Fa-f]{2})+")) {
            throw damaged(file, "share " + name + " has a security descriptor that is not hexadecimal");
        }
        return new Share(name, number(m.get("type"), file, name + "'s type"), text(m, "remark", file, name),
                m.get("permissions") == null ? null : number(m.get("permissions"), file, name + "'s permissions"),
                m.get("max_uses") == null ? null : number(m.get("max_uses"), file, name + "'s max_uses"), null,
                text(m, "path", file, name), hex == null ? null : HexFormat.of().parseHex(hex));
    }

    private static String text(Map<String, Object> m, String field, java.nio.file.Path file, String where) {
        Object v = m.get(field);
        if (v != null && !(v instanceof String)) {
            throw damaged(file, where + ": " + field + " is not text");
        }
        return (String) v;
    }

    private static long number(Object o, java.nio.file.Path file, String what) {
        if (!(o instanceof Number n) || o instanceof Double || o instanceof Float || o instanceof java.math.BigDecimal) {
            throw damaged(file, what + " is " + o + ", not a whole number");
        }
        return n.longValue();
    }

    private static SmbkitException damaged(java.nio.file.Path file, String what) {
        return new SmbkitException(Failure.FILE_ERROR, "refused to restore " + file + ": " + what,
                "Nothing was changed; give the file remove-printer-shares wrote, unchanged");
    }

    private static SmbkitException refused(java.nio.file.Path file, String what) {
        return damaged(file, what);
    }
}
