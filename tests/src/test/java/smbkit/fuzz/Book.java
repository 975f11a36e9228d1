package smbkit.fuzz;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

import jcifs.dcerpc.ndr.NdrException;
import jcifs.util.Encdec;
import smbkit.Vectors;
import smbkit.rpc.Credentials;
import smbkit.rpc.RpcCall;
import smbkit.rpc.RpcTransport;
import smbkit.rpc.SmbErrors;
import smbkit.rpc.Target;
import smbkit.rpc.ndr.MalformedReplyException;
import smbkit.rpc.ndr.ScriptedPipe;
import smbkit.rpc.ndr.WinregReplies;
import smbkit.rpc.srvsvc.EnumCall;

/**
 * A scripted server: the reply stub for each call by its slot ("NetrSessionEnum/502", "BaseRegQueryValue",
 * "BaseRegEnumKey/0"), from the vectors; a slot with no reply answers as a server that lacks it
 * (ERROR_INVALID_LEVEL, ERROR_FILE_NOT_FOUND, ERROR_NO_MORE_ITEMS). Replies are decoded directly, or
 * through jcifs's reassembly in fragments of a random size (the multi-fragment path).
 */
public final class Book {

    static final Target TARGET = Target.parse("LABSRV");
    static final Credentials WHO = Credentials.anonymous();

    final Map<String, byte[]> replies = new LinkedHashMap<>();

    /** A Windows XP server with NULL sessions, files, printer shares and RestrictAnonymous = 1. */
    public static Book windows() {
        Book b = new Book();
        b.put("NetrSessionEnum/502", Vectors.bytes("impacket/srvsvc-NetrSessionEnum-out-level502-nullsessions.hex"));
        b.put("NetrFileEnum/3", Vectors.bytes("impacket/srvsvc-NetrFileEnum-out-level3-openfiles.hex"));
        b.put("NetrConnectionEnum/1", Vectors.bytes("impacket/srvsvc-NetrConnectionEnum-out-level1-ipc.hex"));
        b.put("NetrShareEnumAll/502", Vectors.bytes("impacket/srvsvc-NetrShareEnumAll-out-level502-printer-sd.hex"));
        b.put("NetrServerGetInfo/102", Vectors.bytes("impacket/srvsvc-NetrServerGetInfo-out-level102-labsrv.hex"));
        b.put("NetrShareGetInfo/502", Vectors.bytes("impacket/srvsvc-NetrShareGetInfo-out-level502-printer-sd.hex"));
        b.put("OpenLocalMachine", Vectors.bytes("winreg-OpenLocalMachine-out-winxp.hex"));
        b.put("BaseRegOpenKey", Vectors.bytes("winreg-BaseRegOpenKey-out-winxp.hex"));
        b.put("BaseRegCloseKey", Vectors.bytes("winreg-BaseRegCloseKey-out-winxp.hex"));
        b.put("BaseRegQueryValue", Vectors.bytes("impacket/winreg-BaseRegQueryValue-out-dword1.hex"));
        b.put("BaseRegEnumKey/0", WinregReplies.enumKey("laser", 0));
        b.put("BaseRegEnumValue/0", WinregReplies.enumValue("printable", 1, "yes\0".getBytes(java.nio.charset.StandardCharsets.UTF_16LE), 8, 0));
        return b;
    }

    /** The replies by slot, to change. */
    public Map<String, byte[]> replies() {
        return replies;
    }

    public Book put(String slot, byte[] stub) {
        replies.put(slot, stub);
        return this;
    }

    public Book copy() {
        Book b = new Book();
        b.replies.putAll(replies);
        return b;
    }

    /** Decodes each reply straight from its stub, failures translated as the pipe translates them. */
    public RpcTransport direct() {
        return new RpcTransport() {
            @Override
            public <T extends RpcCall> T call(T call) {
                try {
                    call.decodeStub(reply(call));
                    return call;
                } catch (MalformedReplyException | NdrException e) {
                    throw SmbErrors.translate(e, TARGET, WHO, call.name());
                }
            }
        };
    }

    /** Through jcifs-ng's own reassembly, each reply cut in fragments of 1 to {@code maxFragment} bytes. */
    public RpcTransport fragmented(Random random, int maxFragment) throws Exception {
        return new ScriptedPipe().respond(call -> {
            byte[] stub = reply(call);
            int hint = random.nextInt(4) == 0 ? 0 : random.nextBoolean() ? stub.length : random.nextInt(1 << 16);
            return new ScriptedPipe.Reply(ScriptedPipe.response(stub, 1 + random.nextInt(maxFragment), hint));
        });
    }

    /** The slot a call reads from: its name, then its level or index where it has one. */
    static String slot(RpcCall call) {
        if (call instanceof EnumCall e) {
            return call.name() + "/" + e.level();
        }
        if (call instanceof smbkit.rpc.srvsvc.ServerGetInfoCall s) {
            return call.name() + "/" + s.level();
        }
        if (call instanceof smbkit.rpc.srvsvc.ShareGetInfoCall s) {
            return call.name() + "/" + s.level();
        }
        if (call instanceof smbkit.rpc.winreg.EnumKeyCall k) {
            return call.name() + "/" + k.index();
        }
        if (call instanceof smbkit.rpc.winreg.EnumValueCall v) {
            return call.name() + "/" + v.index();
        }
        return call.name();
    }

    byte[] reply(RpcCall call) {
        String slot = slot(call);
        if (call instanceof EnumCall e && laterPage(e)) {
            return emptyListing(e.level()); // a later page: the end, so that a loop of pages ends
        }
        byte[] stub = replies.get(slot);
        return stub != null ? stub : missing(call, slot);
    }

    /** A request with a non-zero resume handle (the last four bytes of its stub) asks for a later page. */
    static boolean laterPage(EnumCall call) {
        try {
            byte[] req = call.encodeStub();
            return Encdec.dec_uint32le(req, req.length - 4) != 0;
        } catch (NdrException e) {
            throw new AssertionError(e);
        }
    }

    static byte[] emptyListing(int level) {
        byte[] b = new byte[32];
        Encdec.enc_uint32le(level, b, 0);
        Encdec.enc_uint32le(level, b, 4);
        Encdec.enc_uint32le(0x20000, b, 8);
        return b; // EntriesRead 0, NULL buffer, TotalEntries 0, NULL resume handle, ERROR_SUCCESS
    }

    /** What a server that has no answer for the slot sends. */
    static byte[] missing(RpcCall call, String slot) {
        int level = slot.contains("/") ? Integer.parseInt(slot.substring(slot.indexOf('/') + 1)) : 0;
        byte[] b;
        switch (call.name()) {
            case "NetrServerGetInfo", "NetrShareGetInfo" -> {
                b = new byte[12];
                Encdec.enc_uint32le(level, b, 0);
                Encdec.enc_uint32le(124, b, 8);
            }
            case "BaseRegEnumKey" -> b = WinregReplies.enumKey(null, 259);
            case "BaseRegEnumValue" -> b = WinregReplies.enumValue(null, 0, null, 0, 259);
            case "BaseRegQueryValue" -> b = WinregReplies.queryValue(0, null, 0, 2);
            case "OpenLocalMachine", "BaseRegOpenKey", "BaseRegCloseKey", "BaseRegCreateKey" -> b = WinregReplies.handle(0, 2);
            default -> {
                if (call instanceof EnumCall) {
                    b = new byte[24];
                    Encdec.enc_uint32le(level, b, 0);
                    Encdec.enc_uint32le(level, b, 4);
                    Encdec.enc_uint32le(124, b, 20);
                } else {
                    b = WinregReplies.status(2);
                }
            }
        }
        return b;
    }
}
