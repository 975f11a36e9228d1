package smbkit.capture;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import smbkit.capture.CaptureReport;
import smbkit.capture.dcerpc.SpoolssHandle;
import smbkit.capture.smb.SmbSession;
import smbkit.kb.Finding;
import smbkit.kb.Finding.Area;
import smbkit.kb.Finding.Kind;
import smbkit.kb.Finding.Severity;
import smbkit.model.Commands;

/**
 * The capture's findings in the KB's terms, per client: anonymous (NULL) sessions held by the print spooler
 * (spoolss bound, a printer handle opened and never closed: the KB's cause, Method 2 on that client);
 * other NULL sessions that stayed past the KB's 90 seconds; the temporary ones that ended within them; one
 * client logging on under several security contexts (a service running as another user); encrypted sessions
 * whose contents the capture cannot show. Kinds are the diagnosis's (temporary NULL sessions, encryption and
 * spooler call-backs have kinds of their own), so smb-diagnose --capture adds these to its findings as they are.
 */
public final class Findings {

    private Findings() {}

    /** The KB's bound between temporary NULL sessions and the ones that stay. */
    public static final long TEMPORARY_S = 90;

    public static List<Finding> of(CaptureReport r) {
        Map<String, List<SmbSession>> byClient = new LinkedHashMap<>();
        for (SmbSession s : r.sessions) {
            byClient.computeIfAbsent(s.client, k -> new ArrayList<>()).add(s);
        }
        long end = r.endNanos();
        List<Finding> out = new ArrayList<>();
        for (Map.Entry<String, List<SmbSession>> e : byClient.entrySet()) {
            String client = e.getKey();
            List<SmbSession> sessions = e.getValue();
            List<SmbSession> anonymous = sessions.stream().filter(SmbSession::anonymous)
                    .filter(s -> !(s.logon != null && s.logon.startsWith("failed"))).toList();

            List<SmbSession> spooler = anonymous.stream().filter(s -> s.endNanos == null && !s.heldHandles().isEmpty())
                    .toList();
            if (!spooler.isEmpty()) {
                Set<String> calls = new LinkedHashSet<>();
                Set<String> trees = new LinkedHashSet<>();
                List<String> evidence = new ArrayList<>();
                for (SmbSession s : spooler) {
                    s.heldHandles().forEach(h -> calls.add(h.openedBy));
                    trees.addAll(shortTrees(s));
                    evidence.add(evidence(s, end));
                }
                out.add(new Finding(Severity.ACTION, Area.CAUSE, Kind.PERMANENT_NULL_SESSIONS, client + " opened " + count(spooler.size(), "anonymous session")
                        + " to " + String.join(", ", trees.isEmpty() ? Set.of("IPC$") : trees)
                        + ", bound spoolss, called " + String.join(" and ", calls)
                        + " and never closed the handle: the print spooler holds them (KB 328459 cause); Method 2 on "
                        + client, evidence, Commands.removePrinterShares(List.of(client))));
            }
            List<SmbSession> stayed = anonymous.stream().filter(s -> !spooler.contains(s))
                    .filter(s -> s.durationSeconds(end) >= TEMPORARY_S && (s.endNanos == null || !"logon failed".equals(s.endReason)))
                    .toList();
            if (!stayed.isEmpty()) {
                out.add(new Finding(Severity.WARNING, Area.CAUSE, Kind.PERMANENT_NULL_SESSIONS, client + " held " + count(stayed.size(), "anonymous session")
                        + " for " + TEMPORARY_S + " s or longer (permanent NULL sessions, each takes a session slot)"
                        + (stayed.stream().anyMatch(s -> s.interfaces.contains("spoolss")) ? ", with spoolss bound" : ""),
                        stayed.stream().map(s -> evidence(s, end)).toList(), null));
            }
            List<SmbSession> temporary = anonymous.stream().filter(s -> s.endNanos != null
                    && s.durationSeconds(end) < TEMPORARY_S).toList();
            if (!temporary.isEmpty()) {
                out.add(new Finding(Severity.INFO, Area.NOTE, Kind.TEMPORARY_NULL_SESSIONS, client + " opened " + count(temporary.size(), "temporary anonymous session")
                        + " that ended within " + TEMPORARY_S + " s (the KB's temporary NULL sessions: no action)",
                        temporary.stream().map(s -> evidence(s, end)).toList(), null));
            }
            List<SmbSession> young = anonymous.stream().filter(s -> s.endNanos == null && !spooler.contains(s)
                    && s.durationSeconds(end) < TEMPORARY_S).toList();
            if (!young.isEmpty()) {
                out.add(new Finding(Severity.INFO, Area.NOTE, Kind.YOUNG_NULL_SESSIONS, client + " has " + count(young.size(), "anonymous session")
                        + " still open at the end of the capture, younger than " + TEMPORARY_S
                        + " s: capture longer to tell temporary from permanent",
                        young.stream().map(s -> evidence(s, end)).toList(), null));
            }
            Set<String> contexts = new LinkedHashSet<>();
            for (SmbSession s : sessions) {
                if (s.auth != null && (s.logon == null || !s.logon.startsWith("failed"))) {
                    contexts.add(s.context());
                }
            }
            if (contexts.size() > 1) {
                out.add(new Finding(Severity.INFO, Area.NOTE, Kind.OTHER_USER_CONTEXTS, client + " opened sessions under " + contexts.size()
                        + " security contexts (" + String.join(", ", contexts) + "): a program or service on " + client
                        + " runs under another account than the user's",
                        sessions.stream().map(s -> evidence(s, end)).toList(), null));
            }
            List<SmbSession> encrypted = sessions.stream().filter(s -> s.encrypted).toList();
            if (!encrypted.isEmpty()) {
                out.add(new Finding(Severity.INFO, Area.NOTE, Kind.ENCRYPTED_SESSIONS, count(encrypted.size(), "session") + " from " + client
                        + " encrypted (SMB3): the trees, pipes and calls inside cannot be read from the capture",
                        encrypted.stream().map(s -> evidence(s, end)).toList(), null));
            }
            List<String> callbacks = new ArrayList<>();
            for (SmbSession s : sessions) {
                for (SpoolssHandle h : s.handles) {
                    if (h.openedBy.equals("RpcReplyOpenPrinter")) {
                        callbacks.add(evidence(s, end));
                    }
                }
            }
            if (!callbacks.isEmpty()) {
                out.add(new Finding(Severity.INFO, Area.NOTE, Kind.SPOOLER_CALLBACKS, client + "'s print spooler opened a notification channel back"
                        + " (RpcReplyOpenPrinter): printer change notifications keep a session to the other side",
                        callbacks, null));
            }
        }
        return out;
    }

    static String count(long n, String what) {
        return n + " " + what + (n == 1 ? "" : "s");
    }

    public static Set<String> shortTrees(SmbSession s) {
        Set<String> t = new LinkedHashSet<>();
        for (String tree : s.trees) {
            int i = tree.lastIndexOf('\\');
            t.add(i >= 0 ? tree.substring(i + 1) : tree);
        }
        return t;
    }

    /** One line per session: where from, since when, as whom, what it holds. */
    static String evidence(SmbSession s, long end) {
        StringBuilder b = new StringBuilder();
        b.append(s.client).append(':').append(s.clientPort).append(" session 0x").append(Long.toHexString(s.sessionId))
                .append(" as ").append(s.context()).append(", ").append(s.durationSeconds(end)).append(" s, ")
                .append(s.endReason == null ? "open at capture end" : s.endReason);
        if (!s.pipes.isEmpty()) {
            b.append(", pipes ").append(String.join(" ", s.pipes));
        }
        long held = s.heldHandles().size();
        if (!s.handles.isEmpty()) {
            b.append(", ").append(count(s.handles.size(), "spoolss handle")).append(" (").append(held).append(" never closed)");
        }
        return b.toString();
    }
}
