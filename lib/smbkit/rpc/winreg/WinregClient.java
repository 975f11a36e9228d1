package smbkit.rpc.winreg;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import smbkit.Failure;
import smbkit.SmbkitException;
import smbkit.model.RegistryValue;
import smbkit.rpc.RpcCall;
import smbkit.rpc.RpcTransport;
import smbkit.rpc.WinError;

/**
 * MS-RRP as smbkit uses it: HKEY_LOCAL_MACHINE opened once, keys opened by path below it for one operation
 * and always closed again, values read with a buffer that grows when the server says ERROR_MORE_DATA.
 */
public final class WinregClient implements AutoCloseable {

    /** Enough for every value smbkit reads; larger ones are asked for again at their size. */
    static final int FIRST_SIZE = 4096;
    static final int MAX_SIZE = 1 << 20;

    private final RpcTransport rpc;
    private final String where;
    private byte[] hklm;

    public WinregClient(RpcTransport rpc, String where) {
        this.rpc = rpc;
        this.where = where;
    }

    private byte[] hklm() {
        if (hklm == null) {
            hklm = ok(rpc.call(new OpenLocalMachineCall(Winreg.MAXIMUM_ALLOWED)), "OpenLocalMachine").handle();
        }
        return hklm;
    }

    /** Opens a key below HKLM, runs {@code use}, closes it; empty when the key does not exist. */
    private <T> Optional<T> withKey(String path, int access, Function<byte[], T> use) {
        OpenKeyCall open = rpc.call(new OpenKeyCall(hklm(), path, access));
        if (WinError.ERROR_FILE_NOT_FOUND.is(open.status())) {
            return Optional.empty();
        }
        ok(open, "BaseRegOpenKey HKLM\\" + path);
        try {
            return Optional.ofNullable(use.apply(open.handle()));
        } finally {
            rpc.call(closeKey(open.handle()));
        }
    }

    public boolean keyExists(String path) {
        return withKey(path, Winreg.KEY_READ, h -> Boolean.TRUE).isPresent();
    }

    public Optional<RegistryValue> get(String path, String name) {
        return withKey(path, Winreg.KEY_READ, h -> query(h, path, name)).flatMap(v -> v);
    }

    private Optional<RegistryValue> query(byte[] key, String path, String name) {
        int size = FIRST_SIZE;
        while (true) {
            QueryValueCall q = rpc.call(new QueryValueCall(key, name, size));
            if (WinError.ERROR_FILE_NOT_FOUND.is(q.status())) {
                return Optional.empty();
            }
            if (WinError.ERROR_MORE_DATA.is(q.status()) && q.needed() != null && q.needed() > size && q.needed() <= MAX_SIZE) {
                size = q.needed().intValue();
                continue;
            }
            ok(q, "BaseRegQueryValue HKLM\\" + path + "\\" + name);
            return Optional.of(new RegistryValue(q.type() == null ? 0 : q.type().intValue(), q.data() == null ? new byte[0] : q.data()));
        }
    }

    public Map<String, RegistryValue> values(String path) {
        return withKey(path, Winreg.KEY_READ, key -> {
            Map<String, RegistryValue> out = new LinkedHashMap<>();
            int size = FIRST_SIZE;
            for (int i = 0; i < 100_000; ) {
                EnumValueCall e = rpc.call(new EnumValueCall(key, i, size));
                if (WinError.ERROR_NO_MORE_ITEMS.is(e.status())) {
                    return out;
                }
                if (WinError.ERROR_MORE_DATA.is(e.status()) && e.needed() != null && e.needed() > size && e.needed() <= MAX_SIZE) {
                    size = e.needed().intValue();
                    continue;
                }
                String name = e.valueName() == null ? "" : e.valueName();
                if (WinError.ERROR_MORE_DATA.is(e.status()) && e.valueName() != null) {
                    // Samba answers ERROR_MORE_DATA without the size it needs, but names the value: read it by name.
                    // (A value deleted in between is simply not listed.)
                    query(key, path, name).ifPresent(v -> out.put(name, v));
                    i++;
                    continue;
                }
                ok(e, "BaseRegEnumValue HKLM\\" + path);
                out.put(name, new RegistryValue(e.type() == null ? 0 : e.type().intValue(), e.data() == null ? new byte[0] : e.data()));
                i++;
            }
            return out;
        }).orElse(Map.of());
    }

    public List<String> subkeys(String path) {
        return withKey(path, Winreg.KEY_READ, key -> {
            List<String> out = new ArrayList<>();
            for (int i = 0; i < 100_000; i++) {
                EnumKeyCall e = rpc.call(new EnumKeyCall(key, i));
                if (WinError.ERROR_NO_MORE_ITEMS.is(e.status())) {
                    return out;
                }
                ok(e, "BaseRegEnumKey HKLM\\" + path);
                out.add(e.subKey());
            }
            return out;
        }).orElse(List.of());
    }

    public void set(String path, String name, RegistryValue value) {
        byte[] key = create(path);
        try {
            ok(rpc.call(new RpcCall(WinregOp.BaseRegSetValue, key, name, value.type(), value.data(), value.data().length)), "BaseRegSetValue HKLM\\" + path + "\\" + name);
        } finally {
            rpc.call(closeKey(key));
        }
    }

    public void delete(String path, String name) {
        withKey(path, Winreg.KEY_ALL_ACCESS, key -> {
            RpcCall d = rpc.call(new RpcCall(WinregOp.BaseRegDeleteValue, key, name));
            if (!WinError.ERROR_FILE_NOT_FOUND.is(d.status())) {
                ok(d, "BaseRegDeleteValue HKLM\\" + path + "\\" + name);
            }
            return Boolean.TRUE;
        });
    }

    public void createKey(String path) {
        rpc.call(closeKey(create(path)));
    }

    public void deleteKey(String path) {
        int cut = path.lastIndexOf('\\');
        String parent = cut < 0 ? "" : path.substring(0, cut);
        String leaf = path.substring(cut + 1);
        Function<byte[], Boolean> delete = key -> {
            RpcCall d = rpc.call(new RpcCall(WinregOp.BaseRegDeleteKey, key, leaf));
            if (WinError.ERROR_ACCESS_DENIED.is(d.status())) {
                refuseParentKey(path);
            }
            if (!WinError.ERROR_FILE_NOT_FOUND.is(d.status())) {
                ok(d, "BaseRegDeleteKey HKLM\\" + path);
            }
            return Boolean.TRUE;
        };
        if (parent.isEmpty()) {
            delete.apply(hklm());
        } else {
            withKey(parent, Winreg.KEY_ALL_ACCESS, delete);
        }
    }

    /**
     * Windows and Samba both answer ERROR_ACCESS_DENIED for a key that still has subkeys, even to an
     * administrator: say which it is.
     */
    private void refuseParentKey(String path) {
        List<String> children = subkeys(path);
        if (!children.isEmpty()) {
            String some = String.join(", ", children.subList(0, Math.min(5, children.size())))
                    + (children.size() > 5 ? ", ..." : "");
            throw new SmbkitException(Failure.ACCESS_DENIED, where + ": HKLM\\" + path + " has subkeys (" + some
                    + "): the server deletes only keys without subkeys (ERROR_ACCESS_DENIED)", "Delete its subkeys first");
        }
    }

    private byte[] create(String path) {
        return ok(rpc.call(new CreateKeyCall(hklm(), path, Winreg.KEY_ALL_ACCESS)), "BaseRegCreateKey HKLM\\" + path).handle();
    }

    private <T extends RpcCall> T ok(T call, String what) {
        if (WinError.ERROR_ACCESS_DENIED.is(call.status())) {
            throw new SmbkitException(Failure.ACCESS_DENIED, where + ": access denied to " + what + " (ERROR_ACCESS_DENIED)",
                    "Use an account in the server's Administrators group");
        }
        if (!WinError.ERROR_SUCCESS.is(call.status())) {
            throw WinError.failure(call.status(), where, what, false);
        }
        return call;
    }

    private static RpcCall closeKey(byte[] key) {
        return new RpcCall(WinregOp.BaseRegCloseKey, (Object) key);
    }

    @Override
    public void close() {
        if (hklm != null) {
            try {
                rpc.call(closeKey(hklm));
            } catch (SmbkitException e) {
                // the connection is going away anyway
            }
            hklm = null;
        }
    }
}
