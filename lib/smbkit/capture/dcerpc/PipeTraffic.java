package smbkit.capture.dcerpc;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import smbkit.capture.pcap.Bytes;
import smbkit.capture.pcap.Malformed;
import smbkit.capture.smb.SmbSession;

/**
 * DCE/RPC (connection-oriented, MS-RPCE) over one open named pipe, both directions: PDUs cut from whatever
 * the SMB reads, writes, transceives and transactions carried; binds with their interfaces; fragments
 * reassembled by call id; requests matched to their responses by call id; spoolss followed in detail.
 * What it learns goes to the session that opened the pipe.
 */
public final class PipeTraffic {

    static final int MAX_STUB = 4 << 20;
    static final int MAX_CALLS = 1024;

    private final SmbSession session;
    private final String pipe;
    private final Direction up = new Direction(true);
    private final Direction down = new Direction(false);
    /** Presentation contexts the server accepted (or that calls used), by id: their interface UUID. */
    private final Map<Integer, String> contexts = new HashMap<>();
    /** Contexts offered in a bind or alter context, by call id, until its ack or nak. */
    private final Map<Long, List<Offer>> pendingBinds = new HashMap<>();
    private final Map<Long, Call> calls = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Call> e) {
            return size() > MAX_CALLS;
        }
    };
    private final Map<String, SpoolssHandle> handles = new HashMap<>();
    private boolean garbageNoted;

    record Call(String uuid, int opnum, long time, Spoolss.Request spoolss) {}

    record Offer(int ctx, String uuid) {}

    static final int MAX_PENDING_BINDS = 64;

    public PipeTraffic(SmbSession session, String pipe) {
        this.session = session;
        this.pipe = pipe;
    }

    /** Bytes the client wrote to the pipe (write, transceive input, TransactNmPipe data). */
    public void fromClient(Bytes b, long time) {
        up.data(b, time);
    }

    /** Bytes the server returned (read, transceive output, transaction response). */
    public void fromServer(Bytes b, long time) {
        down.data(b, time);
    }

    /** The pipe was closed: the handles opened on it are gone with it. */
    public void closed(long time) {
        for (SpoolssHandle h : handles.values()) {
            h.release(time, "pipe closed");
        }
    }

    private final class Direction {
        final boolean fromClient;
        byte[] buf = new byte[0];
        int len;
        final Map<Long, Fragments> fragments = new HashMap<>();

        Direction(boolean fromClient) {
            this.fromClient = fromClient;
        }

        void data(Bytes b, long time) {
            if (len + b.length() > 70_000 + b.length()) {
                len = 0;
            }
            if (buf.length < len + b.length()) {
                byte[] n = new byte[Math.max(len + b.length(), Math.min(buf.length * 2, 140_000))];
                System.arraycopy(buf, 0, n, 0, len);
                buf = n;
            }
            System.arraycopy(b.array(), b.offset(), buf, len, b.length());
            len += b.length();
            int at = 0;
            while (len - at >= 16) {
                Bytes h = new Bytes(buf, at, len);
                if (h.u8(0) != 5 || h.u8(1) > 1 || h.u16(8) < 16) {
                    noteGarbage();
                    at = len;
                    break;
                }
                int frag = h.u16(8);
                if (len - at < frag) {
                    break;
                }
                try {
                    pdu(h.slice(0, frag), time, this);
                } catch (Malformed e) {
                    session.note(pipe + ": a DCE/RPC PDU cannot be decoded: " + e.getMessage());
                }
                at += frag;
            }
            if (at > 0) {
                System.arraycopy(buf, at, buf, 0, len - at);
                len -= at;
            }
            if (len == 0) {
                buf = new byte[0]; // nothing waits: an idle pipe keeps no buffer
            }
        }
    }

    static final class Fragments {
        final java.io.ByteArrayOutputStream stub = new java.io.ByteArrayOutputStream();
        int opnum;
        int ctx;
        boolean tooBig;
    }

    private void noteGarbage() {
        if (!garbageNoted) {
            garbageNoted = true;
            session.note(pipe + ": bytes that are not DCE/RPC, skipped");
        }
    }

    private void pdu(Bytes p, long time, Direction d) {
        int type = p.u8(2);
        int flags = p.u8(3);
        boolean littleEndian = (p.u8(4) & 0x10) != 0;
        int authLen = p.u16(10);
        long callId = p.u32(12);
        switch (type) {
            case 11, 14 -> bind(p, callId);
            case 12, 15 -> bindAck(p, callId);
            case 13 -> bindNak(callId);
            case 0, 2 -> {
                int stubAt = type == 0 ? ((flags & 0x80) != 0 ? 40 : 24) : 24;
                int stubEnd = p.length();
                boolean sealed = false;
                if (authLen > 0) {
                    int trailer = p.length() - authLen - 8;
                    if (trailer < stubAt) {
                        throw new Malformed("auth length " + authLen + " in a PDU of " + p.length());
                    }
                    sealed = p.u8(trailer + 1) == 6;
                    stubEnd = trailer - p.u8(trailer + 2);
                    if (stubEnd < stubAt) {
                        stubEnd = stubAt;
                    }
                }
                int ctx = p.u16(20);
                int opnum = type == 0 ? p.u16(22) : -1;
                Fragments f = d.fragments.get(callId);
                if ((flags & 0x01) != 0 || f == null) {
                    f = new Fragments();
                    f.opnum = opnum;
                    f.ctx = ctx;
                    if (d.fragments.size() > 64) {
                        d.fragments.clear();
                    }
                    d.fragments.put(callId, f);
                }
                if (!f.tooBig && f.stub.size() + (stubEnd - stubAt) <= MAX_STUB) {
                    f.stub.write(p.array(), p.offset() + stubAt, stubEnd - stubAt);
                } else {
                    f.tooBig = true;
                }
                if ((flags & 0x02) == 0) {
                    return;
                }
                d.fragments.remove(callId);
                Bytes stub = f.tooBig || sealed || !littleEndian ? null : new Bytes(f.stub.toByteArray());
                if (sealed) {
                    session.note(pipe + ": sealed DCE/RPC (packet privacy): stubs not readable");
                }
                if (type == 0) {
                    request(callId, f.ctx, f.opnum, stub, time);
                } else {
                    response(callId, stub, time);
                }
            }
            case 3 -> {
                Call c = calls.remove(callId);
                if (c != null) {
                    session.call(Interfaces.call(c.uuid(), c.opnum()) + " (fault)");
                }
            }
            default -> {
                // auth3, shutdown, cancel, orphaned: nothing the report needs
            }
        }
    }

    private void bind(Bytes p, long callId) {
        int n = p.u8(24);
        int at = 28;
        List<Offer> offered = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int ctx = p.u16(at);
            int transfers = p.u8(at + 2);
            String uuid = uuid(p, at + 4);
            SmbSession.addCapped(session.interfaceUuids, uuid);
            offered.add(new Offer(ctx, uuid));
            at += 24 + 20 * transfers;
        }
        if (pendingBinds.size() >= MAX_PENDING_BINDS) {
            pendingBinds.clear();
        }
        pendingBinds.put(callId, offered);
    }

    /**
     * The server's answer to a bind or alter context: each offered context accepted (result 0) or not (user
     * or provider rejection, or the bind-time feature negotiation's ack, 3, which binds nothing). An interface
     * is bound when one of its contexts was accepted, rejected when none of them was.
     */
    private void bindAck(Bytes p, long callId) {
        List<Offer> offered = pendingBinds.remove(callId);
        if (offered == null) {
            return; // the bind was not captured
        }
        int secAddrLen = p.u16(24);
        int at = 26 + secAddrLen;
        at = (at + 3) & ~3;
        int n = p.u8(at);
        at += 4;
        java.util.Set<String> accepted = new java.util.HashSet<>();
        for (int i = 0; i < n && i < offered.size(); i++) {
            int result = p.u16(at + 24 * i);
            Offer o = offered.get(i);
            if (result == 0) {
                contexts.put(o.ctx(), o.uuid());
                accepted.add(o.uuid());
            }
        }
        for (Offer o : offered) {
            if (accepted.contains(o.uuid())) {
                bound(o.uuid());
            }
        }
        for (Offer o : offered) {
            if (!accepted.contains(o.uuid())) {
                rejected(o.uuid());
            }
        }
    }

    private void bindNak(long callId) {
        List<Offer> offered = pendingBinds.remove(callId);
        if (offered != null) {
            offered.forEach(o -> rejected(o.uuid()));
        }
    }

    private void bound(String uuid) {
        String name = Interfaces.name(uuid);
        SmbSession.addCapped(session.interfaces, name);
        session.rejectedInterfaces.remove(name);
    }

    private void rejected(String uuid) {
        String name = Interfaces.name(uuid);
        if (!session.interfaces.contains(name)) {
            SmbSession.addCapped(session.rejectedInterfaces, name);
        }
    }

    /** A request on a context whose bind was captured but not its answer: the call says it was bound. */
    private String contextOfCall(int ctx) {
        String uuid = contexts.get(ctx);
        if (uuid != null) {
            return uuid;
        }
        for (List<Offer> offers : pendingBinds.values()) {
            for (Offer o : offers) {
                if (o.ctx() == ctx) {
                    contexts.put(ctx, o.uuid());
                    bound(o.uuid());
                    return o.uuid();
                }
            }
        }
        return null;
    }

    static String uuid(Bytes b, int at) {
        return String.format("%08x-%04x-%04x-%02x%02x-%02x%02x%02x%02x%02x%02x", b.u32(at), b.u16(at + 4),
                b.u16(at + 6), b.u8(at + 8), b.u8(at + 9), b.u8(at + 10), b.u8(at + 11), b.u8(at + 12),
                b.u8(at + 13), b.u8(at + 14), b.u8(at + 15));
    }

    private void request(long callId, int ctx, int opnum, Bytes stub, long time) {
        String uuid = contextOfCall(ctx);
        if (uuid == null) {
            uuid = "context " + ctx;
        }
        session.call(Interfaces.call(uuid, opnum));
        Spoolss.Request sr = null;
        if (Interfaces.SPOOLSS.equals(uuid) && stub != null) {
            try {
                sr = Spoolss.request(opnum, stub);
            } catch (Malformed e) {
                session.note(pipe + ": " + Interfaces.call(uuid, opnum) + " request cannot be decoded: " + e.getMessage());
            }
        }
        calls.put(callId, new Call(uuid, opnum, time, sr));
    }

    private void response(long callId, Bytes stub, long time) {
        Call c = calls.remove(callId);
        if (c == null || !Interfaces.SPOOLSS.equals(c.uuid()) || stub == null) {
            return;
        }
        try {
            if (Spoolss.opens(c.opnum())) {
                String h = Spoolss.openedHandle(stub);
                if (h != null) {
                    Spoolss.Request r = c.spoolss();
                    SpoolssHandle handle = new SpoolssHandle(h, Interfaces.call(c.uuid(), c.opnum()),
                            r == null ? null : r.printer(), r == null ? null : r.clientMachine(),
                            r == null ? null : r.clientUser(), c.time());
                    handles.put(h, handle);
                    if (session.handles.size() < SmbSession.MAX_ITEMS) {
                        session.handles.add(handle);
                    }
                }
            } else if (c.spoolss() != null && c.spoolss().handle() != null) {
                SpoolssHandle handle = handles.get(c.spoolss().handle());
                if (handle != null && Spoolss.closes(c.opnum()) && new Ndr(stub).status() == 0) {
                    handle.release(time, Interfaces.call(c.uuid(), c.opnum()));
                } else if (handle != null && c.opnum() == Spoolss.FIND_FIRST_CHANGE_NOTIFICATION_EX) {
                    handle.notifications = true;
                    handle.notifyMachine = c.spoolss().notifyMachine();
                }
            }
        } catch (Malformed e) {
            session.note(pipe + ": " + Interfaces.call(c.uuid(), c.opnum()) + " response cannot be decoded: "
                    + e.getMessage());
        }
    }
}
