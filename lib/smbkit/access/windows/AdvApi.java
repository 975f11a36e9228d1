package smbkit.access.windows;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.platform.win32.WinReg.HKEY;
import com.sun.jna.platform.win32.WinReg.HKEYByReference;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.win32.StdCallLibrary;
import com.sun.jna.win32.W32APIOptions;

/**
 * The advapi32 functions behind the registry and share descriptors, declared here rather than taken from
 * jna-platform's Advapi32: that interface loads advapi32 as soon as it initializes (so nothing can stand in
 * for it off Windows), passes LPDWORD lpReserved as an int, and lacks RegDeleteKeyEx. Always the W entry points:
 * the name buffers are UTF-16 whatever w32.ascii says.
 */
public interface AdvApi extends StdCallLibrary {

    int RegOpenKeyEx(HKEY key, String subKey, int options, int samDesired, HKEYByReference result);

    int RegCreateKeyEx(HKEY key, String subKey, int reserved, String keyClass, int options, int samDesired,
            Pointer securityAttributes, HKEYByReference result, IntByReference disposition);

    int RegCloseKey(HKEY key);

    /** {@code data} null asks for the size only. */
    int RegQueryValueEx(HKEY key, String valueName, Pointer reserved, IntByReference type, byte[] data, IntByReference size);

    int RegSetValueEx(HKEY key, String valueName, int reserved, int type, byte[] data, int size);

    /** The name only: type, data and size may be null. */
    int RegEnumValue(HKEY key, int index, char[] valueName, IntByReference valueNameLength, Pointer reserved,
            IntByReference type, Pointer data, IntByReference size);

    int RegEnumKeyEx(HKEY key, int index, char[] name, IntByReference nameLength, Pointer reserved, char[] keyClass,
            IntByReference keyClassLength, Pointer lastWriteTime);

    int RegDeleteValue(HKEY key, String valueName);

    /** {@code samDesired} picks the registry view (KEY_WOW64_64KEY); Vista and later, as Java 17 needs anyway. */
    int RegDeleteKeyEx(HKEY key, String subKey, int samDesired, int reserved);

    /** The length of a valid self-relative security descriptor. */
    int GetSecurityDescriptorLength(Pointer securityDescriptor);

    /** Loaded on first use only: on Linux nothing here is ever touched. */
    final class Holder {
        private Holder() {}

        static final AdvApi INSTANCE = Native.load("Advapi32", AdvApi.class, W32APIOptions.UNICODE_OPTIONS);
    }
}
