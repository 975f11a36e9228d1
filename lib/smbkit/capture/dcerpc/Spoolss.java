package smbkit.capture.dcerpc;

import smbkit.capture.pcap.Bytes;

/**
 * The spoolss calls the KB is about, decoded from their NDR stubs (MS-RPRN): the opens with the printer name
 * and, for RpcOpenPrinterEx, the client's machine and user from the SPLCLIENT_CONTAINER; the closes and the
 * change notifications with the handle they act on.
 */
final class Spoolss {

    private Spoolss() {}

    static final int OPEN_PRINTER = 1;
    static final int CLOSE_PRINTER = 29;
    static final int REPLY_OPEN_PRINTER = 58;
    static final int REPLY_CLOSE_PRINTER = 60;
    static final int FIND_FIRST_CHANGE_NOTIFICATION_EX = 65;
    static final int OPEN_PRINTER_EX = 69;

    /** What a request says: the printer and client for an open, the handle for the others. */
    record Request(String printer, String clientMachine, String clientUser, String handle, String notifyMachine) {}

    static boolean opens(int opnum) {
        return opnum == OPEN_PRINTER || opnum == OPEN_PRINTER_EX || opnum == REPLY_OPEN_PRINTER;
    }

    static boolean closes(int opnum) {
        return opnum == CLOSE_PRINTER || opnum == REPLY_CLOSE_PRINTER;
    }

    static Request request(int opnum, Bytes stub) {
        Ndr n = new Ndr(stub);
        switch (opnum) {
            case OPEN_PRINTER, OPEN_PRINTER_EX -> {
                String printer = n.uniqueString();
                n.uniqueString(); // pDatatype
                n.u32(); // DEVMODE_CONTAINER.cbBuf
                if (n.u32() != 0) {
                    n.skip(n.u32());
                }
                n.u32(); // AccessRequired
                if (opnum == OPEN_PRINTER) {
                    return new Request(printer, null, null, null, null);
                }
                long level = n.u32();
                n.u32(); // the union's discriminant
                if (n.u32() == 0 || (level != 1 && level != 3)) {
                    return new Request(printer, null, null, null, null);
                }
                n.u32(); // cbSize
                if (level == 3) {
                    n.u32(); // dwFlags
                    n.u32(); // dwSize
                }
                long machinePtr = n.u32();
                long userPtr = n.u32();
                n.u32(); // build
                n.u32(); // major
                n.u32(); // minor
                n.u16(); // processor architecture
                if (level == 3) {
                    n.u64(); // hSplPrinter
                }
                String machine = machinePtr != 0 ? n.string() : null;
                String user = userPtr != 0 ? n.string() : null;
                return new Request(printer, machine, user, null, null);
            }
            case REPLY_OPEN_PRINTER -> {
                return new Request(n.string(), null, null, null, null);
            }
            case CLOSE_PRINTER, REPLY_CLOSE_PRINTER -> {
                return new Request(null, null, null, n.handle(), null);
            }
            case FIND_FIRST_CHANGE_NOTIFICATION_EX -> {
                String h = n.handle();
                n.u32(); // fdwFlags
                n.u32(); // fdwOptions
                return new Request(null, null, null, h, n.uniqueString());
            }
            default -> {
                return null;
            }
        }
    }

    /** The handle an open returned, or null when it failed (its status is not 0). */
    static String openedHandle(Bytes stub) {
        Ndr n = new Ndr(stub);
        String h = n.handle();
        return n.status() == 0 ? h : null;
    }
}
