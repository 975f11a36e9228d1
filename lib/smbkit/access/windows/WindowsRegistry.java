package smbkit.access.windows;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import com.sun.jna.platform.win32.WinNT;
import com.sun.jna.platform.win32.WinReg;
import com.sun.jna.ptr.IntByReference;

import smbkit.SmbkitException;
import smbkit.access.Registry;
import smbkit.model.RegistryValue;
import smbkit.rpc.WinError;

/**
 * HKEY_LOCAL_MACHINE on this Windows machine through advapi32. Values are read and written as raw bytes with
 * their type (RegQueryValueEx/RegSetValueEx, not jna-platform's typed Advapi32Util helpers, which throw on types
 * they do not know), so a backup and its restore agree byte for byte, REG_MULTI_SZ included. Always the 64-bit
 * view: a 32-bit JVM on 64-bit Windows must see the keys the server uses.
 */
public final class WindowsRegistry implements Registry {

    private static final WinReg.HKEY HKLM = WinReg.HKEY_LOCAL_MACHINE;
    private static final int READ = WinNT.KEY_READ | WinNT.KEY_WOW64_64KEY;
    private static final int WRITE = WinNT.KEY_READ | WinNT.KEY_WRITE | WinNT.KEY_WOW64_64KEY;
    /** Registry limits: a key name up to 255 characters, a value name up to 16,383. */
    private static final int MAX_KEY_NAME = 256;
    private static final int MAX_VALUE_NAME = 16_384;

    private final Supplier<AdvApi> advapi32;

    /** This machine's advapi32, loaded on the first call. */
    public WindowsRegistry() {
        this.advapi32 = WindowsRegistry::loadAdvApi;
    }

    /** A given advapi32 binding (tests give a fake one). */
    public WindowsRegistry(AdvApi advapi32) {
        this.advapi32 = () -> advapi32;
    }

    static AdvApi loadAdvApi() {
        try {
            return AdvApi.Holder.INSTANCE;
        } catch (LinkageError e) {
            throw WindowsFailures.unavailable("advapi32", e);
        }
    }

    private AdvApi api() {
        return advapi32.get();
    }

    /** An open key, closed by try-with-resources; null from {@link #open} when the key does not exist. */
    private final class Key implements AutoCloseable {
        final WinReg.HKEY handle;

        Key(WinReg.HKEY handle) {
            this.handle = handle;
        }

        @Override
        public void close() {
            api().RegCloseKey(handle);
        }
    }

    private Key open(String key, int access) {
        WinReg.HKEYByReference h = new WinReg.HKEYByReference();
        int rc = api().RegOpenKeyEx(HKLM, key, 0, access, h);
        if (WinError.ERROR_FILE_NOT_FOUND.is(rc)) {
            return null;
        }
        check(rc, "opening HKLM\\" + key);
        return new Key(h.getValue());
    }

    private static void check(int rc, String what) {
        if (!WinError.ERROR_SUCCESS.is(rc)) {
            throw failed(rc, what);
        }
    }

    private static SmbkitException failed(int rc, String what) {
        return WindowsFailures.of(rc, what);
    }

    @Override
    public boolean keyExists(String key) {
        try (Key k = open(key, READ)) {
            return k != null;
        }
    }

    @Override
    public Optional<RegistryValue> get(String key, String name) {
        try (Key k = open(key, READ)) {
            return k == null ? Optional.empty() : query(k, key, name);
        }
    }

    /** The size first, then the data; again if the value grew in between. */
    private Optional<RegistryValue> query(Key k, String key, String name) {
        String what = "reading HKLM\\" + key + "\\" + name;
        IntByReference type = new IntByReference();
        IntByReference size = new IntByReference();
        int rc = api().RegQueryValueEx(k.handle, name, null, type, null, size);
        for (int attempt = 0; attempt < 10; attempt++) {
            if (WinError.ERROR_FILE_NOT_FOUND.is(rc)) {
                return Optional.empty();
            }
            if (!WinError.ERROR_SUCCESS.is(rc) && !WinError.ERROR_MORE_DATA.is(rc)) {
                throw failed(rc, what);
            }
            byte[] data = new byte[size.getValue()];
            rc = api().RegQueryValueEx(k.handle, name, null, type, data, size);
            if (WinError.ERROR_SUCCESS.is(rc)) {
                // the value may have shrunk since its size was asked: keep what was read
                return Optional.of(new RegistryValue(type.getValue(), Arrays.copyOf(data, size.getValue())));
            }
        }
        throw failed(rc, what);
    }

    @Override
    public Map<String, RegistryValue> values(String key) {
        Map<String, RegistryValue> out = new LinkedHashMap<>();
        try (Key k = open(key, READ)) {
            if (k == null) {
                return out;
            }
            for (String name : valueNames(k, key)) {
                query(k, key, name).ifPresent(v -> out.put(name, v));
            }
        }
        return out;
    }

    private List<String> valueNames(Key k, String key) {
        List<String> names = new ArrayList<>();
        char[] name = new char[MAX_VALUE_NAME];
        for (int i = 0;; i++) {
            IntByReference length = new IntByReference(name.length);
            int rc = api().RegEnumValue(k.handle, i, name, length, null, null, null, null);
            if (WinError.ERROR_NO_MORE_ITEMS.is(rc)) {
                return names;
            }
            check(rc, "listing the values of HKLM\\" + key);
            names.add(new String(name, 0, length.getValue()));
        }
    }

    @Override
    public List<String> subkeys(String key) {
        List<String> names = new ArrayList<>();
        try (Key k = open(key, READ)) {
            if (k == null) {
                return names;
            }
            char[] name = new char[MAX_KEY_NAME];
            for (int i = 0;; i++) {
                IntByReference length = new IntByReference(name.length);
                int rc = api().RegEnumKeyEx(k.handle, i, name, length, null, null, null, null);
                if (WinError.ERROR_NO_MORE_ITEMS.is(rc)) {
                    return names;
                }
                check(rc, "listing the subkeys of HKLM\\" + key);
                names.add(new String(name, 0, length.getValue()));
            }
        }
    }

    @Override
    public void set(String key, String name, RegistryValue value) {
        try (Key k = create(key)) {
            byte[] data = value.data();
            check(api().RegSetValueEx(k.handle, name, 0, value.type(), data, data.length),
                    "writing HKLM\\" + key + "\\" + name);
        }
    }

    @Override
    public void delete(String key, String name) {
        try (Key k = open(key, WRITE)) {
            if (k == null) {
                return;
            }
            int rc = api().RegDeleteValue(k.handle, name);
            if (!WinError.ERROR_FILE_NOT_FOUND.is(rc)) {
                check(rc, "deleting HKLM\\" + key + "\\" + name);
            }
        }
    }

    @Override
    public void createKey(String key) {
        create(key).close();
    }

    /** RegCreateKeyEx creates every missing key along the path, or opens the key that is there. */
    private Key create(String key) {
        WinReg.HKEYByReference h = new WinReg.HKEYByReference();
        check(api().RegCreateKeyEx(HKLM, key, 0, null, WinNT.REG_OPTION_NON_VOLATILE, WRITE, null, h, null),
                "creating HKLM\\" + key);
        return new Key(h.getValue());
    }

    @Override
    public void deleteKey(String key) {
        int rc = api().RegDeleteKeyEx(HKLM, key, WinNT.KEY_WOW64_64KEY, 0);
        if (!WinError.ERROR_FILE_NOT_FOUND.is(rc)) {
            check(rc, "deleting HKLM\\" + key);
        }
    }
}
