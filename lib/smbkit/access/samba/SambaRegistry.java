package smbkit.access.samba;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import smbkit.Failure;
import smbkit.SmbkitException;
import smbkit.access.Registry;
import smbkit.model.RegistryValue;

/**
 * Samba's registry on the server itself, through {@code net registry}: where its configuration lives when
 * {@code include = registry}. Samba 4.17's {@code setvalue} stores REG_MULTI_SZ wrongly (the type's name as
 * the first string), so only REG_SZ and REG_DWORD are written.
 */
public final class SambaRegistry implements Registry {

    private final SambaTools tools;

    public SambaRegistry(SambaTools tools) {
        this.tools = tools;
    }

    private static String hklm(String key) {
        return "HKLM\\" + key;
    }

    /** Not there: said so, or (net registry enumerate on a missing key) exit 255 without a word. */
    private static boolean missing(SambaTools.Output o) {
        return o.exit() != 0 && (o.err().contains("WERR_FILE_NOT_FOUND") || o.err().contains("WERR_BADFILE")
                || o.out().contains("WERR_FILE_NOT_FOUND") || (o.out() + o.err()).isBlank());
    }

    private SambaTools.Output net(String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "registry";
        System.arraycopy(args, 0, all, 1, args.length);
        return tools.run("net", all);
    }

    private static SmbkitException failed(String what, SambaTools.Output o) {
        return new SmbkitException(o.err().contains("ACCESS_DENIED") ? Failure.ACCESS_DENIED : Failure.INTERNAL,
                "net registry " + what + ": " + o.firstError(), "Run smbkit as root on the Samba server");
    }

    @Override
    public boolean keyExists(String key) {
        SambaTools.Output o = net("enumerate", hklm(key));
        if (o.exit() == 0) {
            return true;
        }
        if (missing(o)) {
            return false;
        }
        throw failed("enumerate " + key, o);
    }

    @Override
    public Optional<RegistryValue> get(String key, String name) {
        SambaTools.Output o = net("getvalue", hklm(key), name);
        if (missing(o)) {
            return Optional.empty();
        }
        if (o.exit() != 0) {
            throw failed("getvalue " + key + " " + name, o);
        }
        return Optional.ofNullable(parseValue(o.out().lines().toList()));
    }

    @Override
    public Map<String, RegistryValue> values(String key) {
        SambaTools.Output o = net("enumerate", hklm(key));
        if (missing(o)) {
            return Map.of();
        }
        if (o.exit() != 0) {
            throw failed("enumerate " + key, o);
        }
        Map<String, RegistryValue> out = new LinkedHashMap<>();
        String name = null;
        List<String> block = new ArrayList<>();
        for (String line : (o.out() + "\n").lines().toList()) {
            if (line.startsWith("Valuename")) {
                name = after(line);
                block.clear();
            } else if (line.isBlank()) {
                if (name != null) {
                    RegistryValue v = parseValue(block);
                    if (v != null) {
                        out.put(name, v);
                    }
                }
                name = null;
            } else if (name != null) {
                block.add(line);
            }
        }
        return out;
    }

    @Override
    public List<String> subkeys(String key) {
        SambaTools.Output o = net("enumerate", hklm(key));
        if (missing(o)) {
            return List.of();
        }
        if (o.exit() != 0) {
            throw failed("enumerate " + key, o);
        }
        return o.out().lines().filter(l -> l.startsWith("Keyname")).map(SambaRegistry::after).toList();
    }

    @Override
    public void set(String key, String name, RegistryValue value) {
        String type;
        String data;
        switch (value.type()) {
            case RegistryValue.REG_SZ -> {
                type = "sz";
                data = value.asString();
            }
            case RegistryValue.REG_DWORD -> {
                type = "dword";
                data = Long.toString(value.asDword());
            }
            default -> throw new SmbkitException(Failure.NOT_AVAILABLE, "Samba's net registry cannot write " + value.typeName()
                    + " values reliably", "Write it over the network (winreg) instead");
        }
        createKey(key);
        SambaTools.Output o = net("setvalue", hklm(key), name, type, data);
        if (o.exit() != 0) {
            throw failed("setvalue " + key + " " + name, o);
        }
    }

    @Override
    public void delete(String key, String name) {
        SambaTools.Output o = net("deletevalue", hklm(key), name);
        if (o.exit() != 0 && !missing(o)) {
            throw failed("deletevalue " + key + " " + name, o);
        }
    }

    @Override
    public void createKey(String key) {
        SambaTools.Output o = net("createkey", hklm(key));
        if (o.exit() != 0) {
            throw failed("createkey " + key, o);
        }
    }

    @Override
    public void deleteKey(String key) {
        SambaTools.Output o = net("deletekey", hklm(key));
        if (o.exit() != 0 && !missing(o)) {
            throw failed("deletekey " + key, o);
        }
    }

    private static String after(String line) {
        int eq = line.indexOf('=');
        return eq < 0 ? "" : line.substring(eq + 1).strip();
    }

    /** "Type = REG_SZ" then "Value = "text"" (or a number, or Value[000] lines) as a value. */
    static RegistryValue parseValue(List<String> lines) {
        String type = null;
        List<String> values = new ArrayList<>();
        for (String line : lines) {
            String l = line.strip();
            if (l.startsWith("Type")) {
                type = after(l);
            } else if (l.startsWith("Value")) {
                String v = after(l);
                values.add(v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"") ? v.substring(1, v.length() - 1) : v);
            }
        }
        if (type == null) {
            return null;
        }
        return switch (type) {
            case "REG_SZ" -> RegistryValue.string(values.isEmpty() ? "" : values.get(0));
            case "REG_DWORD" -> RegistryValue.dword(Long.parseLong(values.isEmpty() ? "0" : values.get(0)));
            case "REG_MULTI_SZ" -> RegistryValue.multiString(values);
            default -> null;
        };
    }
}
