package smbkit.access.samba;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import smbkit.Failure;
import smbkit.SmbkitException;
import smbkit.access.Registry;
import smbkit.io.RegFile;
import smbkit.model.RegistryValue;

/**
 * Samba's registry on the server itself, through {@code net registry}: where its configuration lives when
 * {@code include = registry}. Values are read with {@code export}, which gives every type's exact bytes
 * (enumerate shows a REG_BINARY only as "3 bytes"). Only REG_SZ and REG_DWORD are written: Samba 4.17's
 * {@code setvalue} stores REG_MULTI_SZ wrongly (the type's name as the first string).
 */
public final class SambaRegistry implements Registry {

    private final SambaTools tools;

    public SambaRegistry(SambaTools tools) {
        this.tools = tools;
    }

    private static String hklm(String key) {
        return "HKLM\\" + key;
    }

    /** Not there: said so, or (enumerate on a missing key) exit 255 without a word. */
    private static boolean missing(SambaTools.Output o) {
        return o.exit() != 0 && (o.err().contains("WERR_FILE_NOT_FOUND") || o.err().contains("WERR_BADFILE")
                || (o.out() + o.err()).isBlank());
    }

    /** {@code net registry -- ARGS}: the "--" keeps a name or value such as "-1" from being read as an option. */
    private SambaTools.Output net(String... args) {
        List<String> all = new ArrayList<>(List.of("registry", "--"));
        all.addAll(List.of(args));
        return tools.run("net", all.toArray(String[]::new));
    }

    private SmbkitException failed(SambaTools.Output o, String... args) {
        List<String> command = new ArrayList<>(List.of("registry"));
        command.addAll(List.of(args));
        if (o.err().contains("WERR_ACCESS_DENIED")) {
            return new SmbkitException(Failure.ACCESS_DENIED, "net " + String.join(" ", command) + ": " + o.firstError(),
                    "Run smbkit as root on the Samba server");
        }
        return tools.failed("net", command, o);
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
        throw failed(o, "enumerate", hklm(key));
    }

    @Override
    public Optional<RegistryValue> get(String key, String name) {
        return values(key).entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue).findFirst();
    }

    /** The key's own values, from {@code export} (which also writes its subkeys: those are left out). */
    @Override
    public Map<String, RegistryValue> values(String key) {
        SambaTools.Output o = net("export", hklm(key), "/dev/stdout");
        if (missing(o)) {
            return Map.of();
        }
        if (o.exit() != 0) {
            throw failed(o, "export", hklm(key), "/dev/stdout");
        }
        Map<String, RegistryValue> out = new LinkedHashMap<>();
        for (RegFile.Entry e : exported(o.out())) {
            if (e.key().equalsIgnoreCase(key) && e.value().isPresent()) {
                out.put(e.name(), e.value().get());
            }
        }
        return out;
    }

    /** Samba writes regedit's format with "HKLM\" for "HKEY_LOCAL_MACHINE\". */
    static List<RegFile.Entry> exported(String text) {
        return RegFile.parse(text.replace("\r\n", "\n").replace("\n[HKLM\\", "\n[" + RegFile.HKLM));
    }

    @Override
    public List<String> subkeys(String key) {
        SambaTools.Output o = net("enumerate", hklm(key));
        if (missing(o)) {
            return List.of();
        }
        if (o.exit() != 0) {
            throw failed(o, "enumerate", hklm(key));
        }
        return o.out().lines().filter(l -> l.startsWith("Keyname")).map(l -> l.substring(l.indexOf('=') + 1).strip()).toList();
    }

    @Override
    public void set(String key, String name, RegistryValue value) {
        String[] typeAndData = switch (value.type()) {
            case RegistryValue.REG_SZ -> new String[] {"sz", value.asString()};
            case RegistryValue.REG_DWORD -> {
                if (!value.isDword()) {
                    throw new SmbkitException(Failure.NOT_AVAILABLE, "Samba's net registry cannot write a REG_DWORD of "
                            + value.data().length + " bytes (HKLM\\" + key + "\\" + name + ")", "Write it over the network (winreg) instead");
                }
                yield new String[] {"dword", Long.toString(value.asDword())};
            }
            default -> throw new SmbkitException(Failure.NOT_AVAILABLE, "Samba's net registry cannot write " + value.typeName()
                    + " values reliably (HKLM\\" + key + "\\" + name + ")", "Write it over the network (winreg) instead");
        };
        createKey(key);
        SambaTools.Output o = net("setvalue", hklm(key), name, typeAndData[0], typeAndData[1]);
        if (o.exit() != 0) {
            throw failed(o, "setvalue", hklm(key), name, typeAndData[0]);
        }
    }

    @Override
    public void delete(String key, String name) {
        SambaTools.Output o = net("deletevalue", hklm(key), name);
        if (o.exit() != 0 && !missing(o)) {
            throw failed(o, "deletevalue", hklm(key), name);
        }
    }

    /** net registry createkey creates the missing parents too. */
    @Override
    public void createKey(String key) {
        SambaTools.Output o = net("createkey", hklm(key));
        if (o.exit() != 0) {
            throw failed(o, "createkey", hklm(key));
        }
    }

    /** Samba refuses a key that still has subkeys with WERR_ACCESS_DENIED: said so in those words. */
    @Override
    public void deleteKey(String key) {
        SambaTools.Output o = net("deletekey", hklm(key));
        if (o.exit() == 0 || missing(o)) {
            return;
        }
        List<String> children = o.err().contains("WERR_ACCESS_DENIED") ? subkeys(key) : List.of();
        if (!children.isEmpty()) {
            String some = String.join(", ", children.subList(0, Math.min(5, children.size()))) + (children.size() > 5 ? ", ..." : "");
            throw new SmbkitException(Failure.ACCESS_DENIED, "HKLM\\" + key + " has subkeys (" + some
                    + "): Samba deletes only keys without subkeys (WERR_ACCESS_DENIED)", "Delete its subkeys first");
        }
        throw failed(o, "deletekey", hklm(key));
    }
}
