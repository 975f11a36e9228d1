package smbkit.capture.dcerpc;

import java.util.Map;

/**
 * DCE/RPC interfaces seen on SMB named pipes, by UUID (lower case, as Wireshark prints them), with their
 * usual names; from MS-RPRN, MS-SRVS, MS-WKST, MS-LSAD, MS-SAMR, MS-RRP, MS-NRPC, MS-SCMR and friends.
 * Opnum names for spoolss, the KB's interface.
 */
public final class Interfaces {

    private Interfaces() {}

    public static final String SPOOLSS = "12345678-1234-abcd-ef00-0123456789ab";

    static final Map<String, String> NAMES = Map.ofEntries(
            Map.entry(SPOOLSS, "spoolss"),
            Map.entry("4b324fc8-1670-01d3-1278-5a47bf6ee188", "srvsvc"),
            Map.entry("6bffd098-a112-3610-9833-46c3f87e345a", "wkssvc"),
            Map.entry("12345778-1234-abcd-ef00-0123456789ab", "lsarpc"),
            Map.entry("12345778-1234-abcd-ef00-0123456789ac", "samr"),
            Map.entry("338cd001-2244-31f1-aaaa-900038001003", "winreg"),
            Map.entry("12345678-1234-abcd-ef00-01234567cffb", "netlogon"),
            Map.entry("367abb81-9844-35f1-ad32-98f038001003", "svcctl"),
            Map.entry("1ff70682-0a51-30e8-076d-740be8cee98b", "atsvc"),
            Map.entry("86d35949-83c9-4044-b424-db363231fd0c", "taskschd"),
            Map.entry("3919286a-b10c-11d0-9ba8-00c04fd92ef5", "dssetup"),
            Map.entry("82273fdc-e32a-18c3-3f78-827929dc23ea", "eventlog"),
            Map.entry("e1af8308-5d1f-11c9-91a4-08002b14a0fa", "epmapper"),
            Map.entry("8d9f4e40-a03d-11ce-8f69-08003e30051b", "ntsvcs"),
            Map.entry("76f03f96-cdfd-44fc-a22c-64950a001209", "iremotewinspool"),
            Map.entry("e3514235-4b06-11d1-ab04-00c04fc2dcd2", "drsuapi"),
            Map.entry("4fc742e0-4a10-11cf-8273-00aa004ae673", "netdfs"),
            Map.entry("894de0c0-0d55-11d3-a322-00c04fa321a1", "initshutdown"));

    /** The interface's name, or its UUID when unknown. */
    public static String name(String uuid) {
        return NAMES.getOrDefault(uuid, uuid);
    }

    static final String[] SPOOLSS_OPS = new String[90];

    static {
        String[] known = {
            "0", "RpcEnumPrinters", "1", "RpcOpenPrinter", "2", "RpcSetJob", "3", "RpcGetJob", "4", "RpcEnumJobs",
            "5", "RpcAddPrinter", "6", "RpcDeletePrinter", "7", "RpcSetPrinter", "8", "RpcGetPrinter",
            "9", "RpcAddPrinterDriver", "10", "RpcEnumPrinterDrivers", "11", "RpcGetPrinterDriver",
            "12", "RpcGetPrinterDriverDirectory", "13", "RpcDeletePrinterDriver", "14", "RpcAddPrintProcessor",
            "15", "RpcEnumPrintProcessors", "16", "RpcGetPrintProcessorDirectory", "17", "RpcStartDocPrinter",
            "18", "RpcStartPagePrinter", "19", "RpcWritePrinter", "20", "RpcEndPagePrinter", "21", "RpcAbortPrinter",
            "22", "RpcReadPrinter", "23", "RpcEndDocPrinter", "24", "RpcAddJob", "25", "RpcScheduleJob",
            "26", "RpcGetPrinterData", "27", "RpcSetPrinterData", "28", "RpcWaitForPrinterChange",
            "29", "RpcClosePrinter", "30", "RpcAddForm", "31", "RpcDeleteForm", "32", "RpcGetForm", "33", "RpcSetForm",
            "34", "RpcEnumForms", "35", "RpcEnumPorts", "36", "RpcEnumMonitors", "39", "RpcDeletePort",
            "40", "RpcCreatePrinterIC", "41", "RpcPlayGdiScriptOnPrinterIC", "42", "RpcDeletePrinterIC",
            "46", "RpcAddMonitor", "47", "RpcDeleteMonitor", "48", "RpcDeletePrintProcessor",
            "51", "RpcEnumPrintProcessorDatatypes", "52", "RpcResetPrinter", "53", "RpcGetPrinterDriver2",
            "56", "RpcFindClosePrinterChangeNotification", "58", "RpcReplyOpenPrinter", "59", "RpcRouterReplyPrinter",
            "60", "RpcReplyClosePrinter", "61", "RpcAddPortEx", "62", "RpcRemoteFindFirstPrinterChangeNotification",
            "65", "RpcRemoteFindFirstPrinterChangeNotificationEx", "66", "RpcRouterReplyPrinterEx",
            "67", "RpcRouterRefreshPrinterChangeNotification", "69", "RpcOpenPrinterEx", "70", "RpcAddPrinterEx",
            "71", "RpcSetPort", "72", "RpcEnumPrinterData", "73", "RpcDeletePrinterData", "77", "RpcSetPrinterDataEx",
            "78", "RpcGetPrinterDataEx", "79", "RpcEnumPrinterDataEx", "80", "RpcEnumPrinterKey",
            "81", "RpcDeletePrinterDataEx", "82", "RpcDeletePrinterKey", "84", "RpcDeletePrinterDriverEx",
            "85", "RpcAddPerMachineConnection", "86", "RpcDeletePerMachineConnection",
            "87", "RpcEnumPerMachineConnections", "88", "RpcXcvData", "89", "RpcAddPrinterDriverEx"};
        for (int i = 0; i < known.length; i += 2) {
            SPOOLSS_OPS[Integer.parseInt(known[i])] = known[i + 1];
        }
    }

    /** "spoolss.RpcOpenPrinterEx", "srvsvc.opnum 15". */
    public static String call(String uuid, int opnum) {
        String name = name(uuid);
        if (SPOOLSS.equals(uuid) && opnum >= 0 && opnum < SPOOLSS_OPS.length && SPOOLSS_OPS[opnum] != null) {
            return SPOOLSS_OPS[opnum];
        }
        return name + " opnum " + opnum;
    }
}
