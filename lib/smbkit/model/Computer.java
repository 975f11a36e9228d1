package smbkit.model;

import java.util.List;

/**
 * One computer of a workgroup, as a browse list or a NetBIOS sweep shows it (`net view`, `nbtstat -A`): its
 * NetBIOS name and address, workgroup, the server type bits it announces (null from a sweep) with their names,
 * whether it is a print queue server, OS version and comment (browse list only), its NetBIOS names
 * ({@code NAME<20>}), MAC address, and the printer shares it lists (null when not read).
 *
 * <p>{@code printQueueServer}: it shares a printer when its shares could be read, else what it announces
 * (SV_TYPE_PRINTQ_SERVER; Samba announces that bit whatever its shares).
 */
public record Computer(String name, String address, String workgroup, Integer typeFlags, List<String> types,
        boolean announcesPrintQueue, boolean printQueueServer, List<String> printerShares, String osVersion, String comment,
        List<String> names, String mac, boolean masterBrowser, String source) {}
