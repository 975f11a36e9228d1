package smbkit.access.windows;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.WString;
import com.sun.jna.platform.win32.BaseTSD.ULONG_PTRByReference;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.PointerByReference;
import com.sun.jna.win32.StdCallLibrary;
import com.sun.jna.win32.W32APIOptions;

/**
 * The netapi32 functions behind net session, net files and net share, declared as jna-platform declares its
 * own (which has only NetSessionEnum at level 10, NetShareAdd and NetShareDel). Server name NULL: this
 * machine. Every buffer a function returns is freed with NetApiBufferFree by the caller.
 */
public interface NetApi extends StdCallLibrary {

    int NetSessionEnum(WString servername, WString uncClientName, WString username, int level, PointerByReference bufptr,
            int prefmaxlen, IntByReference entriesread, IntByReference totalentries, IntByReference resumeHandle);

    /** resume_handle is a PDWORD_PTR here: pointer-sized. */
    int NetFileEnum(WString servername, WString basepath, WString username, int level, PointerByReference bufptr,
            int prefmaxlen, IntByReference entriesread, IntByReference totalentries, ULONG_PTRByReference resumeHandle);

    int NetConnectionEnum(WString servername, WString qualifier, int level, PointerByReference bufptr, int prefmaxlen,
            IntByReference entriesread, IntByReference totalentries, IntByReference resumeHandle);

    int NetShareEnum(WString servername, int level, PointerByReference bufptr, int prefmaxlen, IntByReference entriesread,
            IntByReference totalentries, IntByReference resumeHandle);

    int NetShareGetInfo(WString servername, WString netname, int level, PointerByReference bufptr);

    int NetServerGetInfo(WString servername, int level, PointerByReference bufptr);

    int NetSessionDel(WString servername, WString uncClientName, WString username);

    int NetFileClose(WString servername, int fileid);

    int NetShareAdd(WString servername, int level, Pointer buf, IntByReference parmErr);

    int NetShareDel(WString servername, WString netname, int reserved);

    int NetApiBufferFree(Pointer buffer);

    /** Loaded on first use only: on Linux nothing here is ever touched. */
    final class Holder {
        private Holder() {}

        static final NetApi INSTANCE = Native.load("Netapi32", NetApi.class, W32APIOptions.DEFAULT_OPTIONS);
    }
}
