package smbkit.access.windows;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.sun.jna.platform.win32.Advapi32;
import com.sun.jna.platform.win32.Advapi32Util;
import com.sun.jna.platform.win32.W32Errors;
import com.sun.jna.platform.win32.Win32Exception;
import com.sun.jna.platform.win32.WinNT;
import com.sun.jna.platform.win32.WinReg;
import com.sun.jna.ptr.IntByReference;

import smbkit.Failure;
import smbkit.SmbkitException;
import smbkit.access.Registry;
import smbkit.model.RegistryValue;

/**
 * HKEY_LOCAL_MACHINE on this Windows machine through advapi32. Values are read and written as raw bytes with
 * their type, so a backup and its restore agree byte for byte (REG_MULTI_SZ included).
 */
final class WindowsRegistry implements Registry {

    private static final WinReg.HKEY HKLM = WinReg.HKEY_LOCAL_MACHINE;

    private static SmbkitException failed(String what, Win32Exception e) {
        return new SmbkitException(e.getErrorCode() == W32Errors.ERROR_ACCESS_DENIED ? Failure.ACCESS_DENIED : Failure.INTERNAL,
                what + ": " + e.getMessage(), "Run it from an elevated prompt with an administrator account", e);
    }

    @Override
    public boolean keyExists(String key) {
        return Advapi32Util.registryKeyExists(HKLM, key);
    }

    @Override
    public Optional<RegistryValue> get(String key, String name) {
        if (!keyExists(key) || !Advapi32Util.registryValueExists(HKLM, key, name)) {
            return Optional.empty();
        }
        WinReg.HKEYByReference h = Advapi32Util.registryGetKey(HKLM, key, WinNT.KEY_READ);
        try {
            IntByReference type = new IntByReference();
            IntByReference size = new IntByReference();
            int rc = Advapi32.INSTANCE.RegQueryValueEx(h.getValue(), name, 0, type, (byte[]) null, size);
            if (rc != W32Errors.ERROR_SUCCESS && rc != W32Errors.ERROR_MORE_DATA) {
                throw new Win32Exception(rc);
            }
            byte[] data = new byte[size.getValue()];
            rc = Advapi32.INSTANCE.RegQueryValueEx(h.getValue(), name, 0, type, data, size);
            if (rc != W32Errors.ERROR_SUCCESS) {
                throw new Win32Exception(rc);
            }
            return Optional.of(new RegistryValue(type.getValue(), data));
        } catch (Win32Exception e) {
            throw failed("reading HKLM\\" + key + "\\" + name, e);
        } finally {
            Advapi32Util.registryCloseKey(h.getValue());
        }
    }

    @Override
    public Map<String, RegistryValue> values(String key) {
        Map<String, RegistryValue> out = new LinkedHashMap<>();
        if (!keyExists(key)) {
            return out;
        }
        for (String name : Advapi32Util.registryGetValues(HKLM, key).keySet()) {
            get(key, name).ifPresent(v -> out.put(name, v));
        }
        return out;
    }

    @Override
    public List<String> subkeys(String key) {
        return keyExists(key) ? List.of(Advapi32Util.registryGetKeys(HKLM, key)) : List.of();
    }

    @Override
    public void set(String key, String name, RegistryValue value) {
        createKey(key);
        WinReg.HKEYByReference h = Advapi32Util.registryGetKey(HKLM, key, WinNT.KEY_WRITE);
        try {
            int rc = Advapi32.INSTANCE.RegSetValueEx(h.getValue(), name, 0, value.type(), value.data(), value.data().length);
            if (rc != W32Errors.ERROR_SUCCESS) {
                throw new Win32Exception(rc);
            }
        } catch (Win32Exception e) {
            throw failed("writing HKLM\\" + key + "\\" + name, e);
        } finally {
            Advapi32Util.registryCloseKey(h.getValue());
        }
    }

    @Override
    public void delete(String key, String name) {
        if (keyExists(key) && Advapi32Util.registryValueExists(HKLM, key, name)) {
            try {
                Advapi32Util.registryDeleteValue(HKLM, key, name);
            } catch (Win32Exception e) {
                throw failed("deleting HKLM\\" + key + "\\" + name, e);
            }
        }
    }

    @Override
    public void createKey(String key) {
        List<String> done = new ArrayList<>();
        for (String part : key.split("\\\\")) {
            String parent = String.join("\\", done);
            done.add(part);
            if (!keyExists(String.join("\\", done))) {
                try {
                    Advapi32Util.registryCreateKey(HKLM, parent, part);
                } catch (Win32Exception e) {
                    throw failed("creating HKLM\\" + String.join("\\", done), e);
                }
            }
        }
    }

    @Override
    public void deleteKey(String key) {
        if (keyExists(key)) {
            try {
                Advapi32Util.registryDeleteKey(HKLM, key);
            } catch (Win32Exception e) {
                throw failed("deleting HKLM\\" + key, e);
            }
        }
    }
}
