package smbkit.capture.smb;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import smbkit.capture.dcerpc.SpoolssHandle;

/**
 * One SMB session as the capture shows it: who opened it (client address and port), when, how it ended,
 * under what security context, and what it did: trees, files and pipes, RPC interfaces and calls, spoolss
 * handles. Lists are capped at {@link #MAX_ITEMS} distinct entries so a long capture keeps a bounded report.
 */
public final class SmbSession {

    public static final int MAX_ITEMS = 200;
    private static final java.util.concurrent.atomic.AtomicLong NEXT = new java.util.concurrent.atomic.AtomicLong();

    public final String client;
    public final int clientPort;
    public final String server;
    public final int serverPort;
    public final long sessionId;
    public final String protocol;
    public String dialect;
    public long startNanos;
    public Long endNanos;
    /** "logoff", "TCP close", "logon failed"; null while open (at capture end). */
    public String endReason;
    /** Still open when its idle connection was evicted (too many open at once): counted as open, never ended. */
    public boolean evicted;
    /** The order sessions began in (the report's order when it fits in memory). */
    public long seq = NEXT.getAndIncrement();

    /** "ntlm", "kerberos", "anonymous", or null when the set-up was not captured. */
    public String auth;
    public String user;
    public String domain;
    public String workstation;
    /** "ok", "in progress", "failed (0x...)"; null when the set-up was not captured (mid-stream). */
    public String logon;
    public boolean guest;
    public boolean encrypted;
    public long encryptedMessages;

    public final Set<String> trees = new LinkedHashSet<>();
    public final Set<String> pipes = new LinkedHashSet<>();
    public final Set<String> files = new LinkedHashSet<>();
    /** RPC interfaces bound: the server accepted one of their presentation contexts. */
    public final Set<String> interfaces = new LinkedHashSet<>();
    /** RPC interfaces offered and refused (bind_nak, or every context of theirs rejected in the bind_ack). */
    public final Set<String> rejectedInterfaces = new LinkedHashSet<>();
    /** Interface UUIDs as offered in binds, lower case: what tshark's dcerpc.cn_bind_to_uuid shows. */
    public final Set<String> interfaceUuids = new LinkedHashSet<>();
    public final Map<String, Long> calls = new LinkedHashMap<>();
    public final List<SpoolssHandle> handles = new ArrayList<>();
    public final Set<String> notes = new LinkedHashSet<>();

    public SmbSession(String client, int clientPort, String server, int serverPort, long sessionId, String protocol,
                      long startNanos) {
        this.client = client;
        this.clientPort = clientPort;
        this.server = server;
        this.serverPort = serverPort;
        this.sessionId = sessionId;
        this.protocol = protocol;
        this.startNanos = startNanos;
    }

    public boolean anonymous() {
        return "anonymous".equals(auth);
    }

    public static void addCapped(Set<String> set, String item) {
        if (item != null && set.size() < MAX_ITEMS) {
            set.add(item);
        }
    }

    public void call(String name) {
        if (calls.size() < MAX_ITEMS || calls.containsKey(name)) {
            calls.merge(name, 1L, Long::sum);
        }
    }

    public void note(String note) {
        if (notes.size() < 20) {
            notes.add(note);
        }
    }

    /** NT_STATUS of a session setup reply that asks for another leg (the NTLM challenge), in SMB1 and SMB2 alike. */
    public static final long STATUS_MORE_PROCESSING_REQUIRED = 0xC0000016L;

    /**
     * A session setup reply's {@code status}, SMB1 or SMB2: 0 is a logon, more processing keeps it in progress, any
     * other status fails the logon and ends the session. Returns whether the logon succeeded.
     */
    public boolean setupReply(long status, long time) {
        if (status == 0) {
            logon = "ok";
        } else if (status == STATUS_MORE_PROCESSING_REQUIRED) {
            if (logon == null) {
                logon = "in progress";
            }
        } else {
            logon = String.format("failed (0x%08x)", status);
            end(time, "logon failed");
        }
        return status == 0;
    }

    public void end(long time, String why) {
        if (endNanos == null) {
            endNanos = time;
            endReason = why;
        }
        for (SpoolssHandle h : handles) {
            h.release(time, why);
        }
    }

    /** How it ended, in words: the reason, or "open at capture end", or "still open, evicted". */
    public String endText() {
        return endReason != null ? endReason : evicted ? "still open, evicted" : "open at capture end";
    }

    /** The security context in words: DOMAIN\\user, "anonymous", "kerberos", or "?" when not captured. */
    public String context() {
        if (auth == null) {
            return "?";
        }
        if (anonymous()) {
            return "anonymous";
        }
        if (user == null) {
            return auth;
        }
        return (domain == null || domain.isEmpty() ? "" : domain + "\\") + user;
    }

    /** Seconds from start to end, or to the end of the capture when still open. */
    public long durationSeconds(long captureEndNanos) {
        long end = endNanos != null ? endNanos : captureEndNanos;
        return Math.max(0, (end - startNanos) / 1_000_000_000L);
    }

    public List<SpoolssHandle> heldHandles() {
        return handles.stream().filter(h -> h.closedBy == null).toList();
    }
}
