package smbkit.access.windows;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.win32.StdCallLibrary;
import com.sun.jna.win32.W32APIOptions;

/** The iphlpapi functions behind netstat and the TCP statistics: the TCP table with owners, and one connection's data counters. */
public interface IpHlpApi extends StdCallLibrary {

    int AF_INET = 2;
    /** MIB_TCPTABLE_OWNER_MODULE of every state: rows carry the owner and the creation time. */
    int TCP_TABLE_OWNER_MODULE_ALL = 8;
    /** TCP_ESTATS_TYPE TcpConnectionEstatsData: TCP_ESTATS_DATA_ROD_v0. */
    int TCP_CONNECTION_ESTATS_DATA = 1;
    int ERROR_INSUFFICIENT_BUFFER = 122;

    int GetExtendedTcpTable(Pointer table, IntByReference size, boolean order, int af, int tableClass, int reserved);

    /** {@code row} is a MIB_TCPROW (20 bytes); only the read-only dynamic buffer is asked for. */
    int GetPerTcpConnectionEStats(Pointer row, int estatsType, Pointer rw, int rwVersion, int rwSize, Pointer ros,
            int rosVersion, int rosSize, Pointer rod, int rodVersion, int rodSize);

    /** Loaded on first use only. */
    final class Holder {
        private Holder() {}

        static final IpHlpApi INSTANCE = Native.load("Iphlpapi", IpHlpApi.class, W32APIOptions.DEFAULT_OPTIONS);
    }
}
