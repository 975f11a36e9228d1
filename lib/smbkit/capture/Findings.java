package smbkit.capture;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

import smbkit.capture.CaptureReport;
import smbkit.capture.dcerpc.SpoolssHandle;
import smbkit.capture.smb.SmbSession;
import smbkit.kb.Finding;
import smbkit.kb.Finding.Area;
import smbkit.kb.Finding.Evidence;
import smbkit.kb.Finding.Fact;
import smbkit.kb.Finding.Headline;
import smbkit.kb.Finding.Line;
import smbkit.kb.Finding.Severity;
import smbkit.model.Commands;

/**
 * The capture's findings in the KB's terms, per client: anonymous (NULL) sessions held by the print spooler
 * (spoolss bound, a printer handle opened and never closed: the KB's cause, Method 2 on that client);
 * other NULL sessions that stayed past the KB's 90 seconds; the temporary ones that ended within them; one
 * client logging on under several security contexts (a service running as another user); encrypted sessions
 * whose contents the capture cannot show. Kinds are the diagnosis's (temporary NULL sessions, encryption and
 * spooler call-backs have kinds of their own), so smb-diagnose --capture adds these to its findings as they are.
 *
 * <p>Bounded whatever the capture's size: each session is added once ({@link Builder#add}) to its client's
 * few counters and at most {@link #EVIDENCE} rows of evidence per finding (then a count of the rest); the findings are
 * made from those, one client at a time, each time they are read ({@link Result}).
 */
public final class Findings {

    private Findings() {}

    /** The KB's bound between temporary NULL sessions and the ones that stay. */
    public static final long TEMPORARY_S = 90;
    /** Lines of evidence a finding names one by one; the rest are counted. */
    public static final int EVIDENCE = 20;

    /** The findings of all the sessions given, at once (a test's or a small capture's). */
    public static List<Finding> of(Iterable<SmbSession> sessions, long end) {
        Builder b = new Builder();
        sessions.forEach(b::add);
        List<Finding> out = new ArrayList<>();
        b.result(end).forEach(out::add);
        return out;
    }

    /** What one session says about its client, kept until the capture's end is known. */
    static final class Ev {
        final String client;
        final int clientPort;
        final long sessionId;
        final String context;
        final long start;
        final Long end;
        final String endText;
        final String pipes;
        final int handles;
        final int held;

        Ev(SmbSession s, Map<String, String> pool) {
            client = s.client;
            clientPort = s.clientPort;
            sessionId = s.sessionId;
            context = intern(pool, s.context());
            start = s.startNanos;
            end = s.endNanos;
            endText = intern(pool, s.endText());
            pipes = s.pipes.isEmpty() ? null : intern(pool, String.join(" ", s.pipes));
            handles = s.handles.size();
            held = s.heldHandles().size();
        }

        long duration(long captureEnd) {
            long e = end != null ? end : captureEnd;
            return Math.max(0, (e - start) / 1_000_000_000L);
        }

        /** One row per session: where from, since when, as whom, what it holds. */
        Evidence evidence(long captureEnd) {
            return Evidence.of(Line.CAPTURE_SESSION, Fact.CLIENT, client, Fact.CLIENT_PORT, clientPort, Fact.SESSION_ID, sessionId,
                    Fact.CONTEXT, context, Fact.DURATION_S, duration(captureEnd), Fact.END, endText, Fact.PIPES, pipes,
                    Fact.HANDLES, handles, Fact.HELD, held);
        }
    }

    static String intern(Map<String, String> pool, String s) {
        if (s == null) {
            return null;
        }
        String known = pool.get(s);
        if (known != null) {
            return known;
        }
        if (pool.size() < 10_000) {
            pool.put(s, s);
        }
        return s;
    }

    /** A count and the first {@link #EVIDENCE} sessions of one kind. */
    static final class Group {
        long count;
        List<Ev> first;

        void add(Ev e) {
            count++;
            if (first == null) {
                first = new ArrayList<>(2);
            }
            if (first.size() < EVIDENCE) {
                first.add(e);
            }
        }

        boolean isEmpty() {
            return count == 0;
        }

        List<Evidence> lines(long end) {
            List<Evidence> out = new ArrayList<>();
            if (first != null) {
                first.forEach(e -> out.add(e.evidence(end)));
            }
            if (count > out.size()) {
                out.add(Evidence.of(Line.MORE, Fact.COUNT, count - out.size()));
            }
            return out;
        }
    }

    /** One client's sessions, in counters. */
    static final class Client {
        final String client;
        final Group all = new Group();
        final Group spooler = new Group();
        Set<String> spoolerCalls;
        Set<String> spoolerTrees;
        /** Anonymous sessions that ended: stayed past 90 s or not. */
        final Group stayedEnded = new Group();
        boolean stayedEndedSpoolss;
        final Group temporary = new Group();
        /** Anonymous sessions open at the end, not the spooler's: their age is known only at the end. */
        long[] openStarts;
        boolean[] openSpoolss;
        int open;
        List<Ev> openEv;
        Set<String> contexts;
        final Group encrypted = new Group();
        final Group callbacks = new Group();

        Client(String client) {
            this.client = client;
        }
    }

    /** Collects the sessions one at a time. */
    public static final class Builder {
        private final Map<String, Client> clients = new LinkedHashMap<>();
        private final Map<String, String> pool = new HashMap<>();

        public void add(SmbSession s) {
            Client c = clients.computeIfAbsent(s.client, Client::new);
            Ev ev = new Ev(s, pool);
            c.all.add(ev);
            boolean failed = s.logon != null && s.logon.startsWith("failed");
            if (s.auth != null && !failed) {
                if (c.contexts == null) {
                    c.contexts = new LinkedHashSet<>(2);
                }
                if (c.contexts.size() < SmbSession.MAX_ITEMS) {
                    c.contexts.add(ev.context);
                }
            }
            if (s.encrypted) {
                c.encrypted.add(ev);
            }
            for (SpoolssHandle h : s.handles) {
                if (h.openedBy.equals("RpcReplyOpenPrinter")) {
                    c.callbacks.add(ev);
                }
            }
            if (!s.anonymous() || failed) {
                return;
            }
            List<SpoolssHandle> held = s.heldHandles();
            if (s.endNanos == null && !held.isEmpty()) {
                c.spooler.add(ev);
                if (c.spoolerCalls == null) {
                    c.spoolerCalls = new LinkedHashSet<>(2);
                    c.spoolerTrees = new LinkedHashSet<>(2);
                }
                held.forEach(h -> c.spoolerCalls.add(intern(pool, h.openedBy)));
                for (String t : shortTrees(s)) {
                    if (c.spoolerTrees.size() < SmbSession.MAX_ITEMS) {
                        c.spoolerTrees.add(intern(pool, t));
                    }
                }
                return;
            }
            if (s.endNanos != null) {
                long d = ev.duration(0);
                if (d >= TEMPORARY_S && !"logon failed".equals(s.endReason)) {
                    c.stayedEnded.add(ev);
                    c.stayedEndedSpoolss |= s.interfaces.contains("spoolss");
                }
                if (d < TEMPORARY_S) {
                    c.temporary.add(ev);
                }
                return;
            }
            if (c.openStarts == null || c.open == c.openStarts.length) {
                int n = c.openStarts == null ? 2 : c.open * 2;
                c.openStarts = java.util.Arrays.copyOf(c.openStarts == null ? new long[0] : c.openStarts, n);
                c.openSpoolss = java.util.Arrays.copyOf(c.openSpoolss == null ? new boolean[0] : c.openSpoolss, n);
            }
            c.openStarts[c.open] = s.startNanos;
            c.openSpoolss[c.open] = s.interfaces.contains("spoolss");
            c.open++;
            if (c.openEv == null) {
                c.openEv = new ArrayList<>(2);
            }
            if (c.openEv.size() < 2 * EVIDENCE) {
                c.openEv.add(ev);
            }
        }

        /** The findings as of the capture's end (nanoseconds). */
        public Result result(long end) {
            return new Result(this, end);
        }

        List<Finding> of(Client c, long end) {
            String client = c.client;
            List<Finding> out = new ArrayList<>();
            if (!c.spooler.isEmpty()) {
                out.add(new Finding(Severity.ACTION, Area.CAUSE, Headline.CAPTURE_SPOOLER_HELD, Finding.facts(Fact.CLIENT, client,
                        Fact.SESSIONS, c.spooler.count, Fact.TREES, List.copyOf(c.spoolerTrees.isEmpty() ? Set.of("IPC$") : c.spoolerTrees),
                        Fact.CALLS, List.copyOf(c.spoolerCalls)), c.spooler.lines(end), Commands.removePrinterShares(List.of(client))));
            }
            // the open ones, now that their age is known
            Group stayed = new Group();
            Group young = new Group();
            boolean stayedSpoolss = c.stayedEndedSpoolss;
            if (c.stayedEnded.first != null) {
                c.stayedEnded.first.forEach(stayed::add);
            }
            stayed.count = c.stayedEnded.count;
            for (int i = 0; i < c.open; i++) {
                boolean old = Math.max(0, end - c.openStarts[i]) / 1_000_000_000L >= TEMPORARY_S;
                if (old) {
                    stayed.count++;
                    stayedSpoolss |= c.openSpoolss[i];
                } else {
                    young.count++;
                }
            }
            if (c.openEv != null) {
                for (Ev e : c.openEv) {
                    Group g = e.duration(end) >= TEMPORARY_S ? stayed : young;
                    if (g.first == null) {
                        g.first = new ArrayList<>();
                    }
                    if (g.first.size() < EVIDENCE) {
                        g.first.add(e);
                    }
                }
            }
            if (!stayed.isEmpty()) {
                out.add(new Finding(Severity.WARNING, Area.CAUSE, Headline.CAPTURE_STAYED, Finding.facts(Fact.CLIENT, client,
                        Fact.SESSIONS, stayed.count, Fact.SECONDS, TEMPORARY_S, Fact.SPOOLSS, stayedSpoolss), stayed.lines(end), null));
            }
            if (!c.temporary.isEmpty()) {
                out.add(new Finding(Severity.INFO, Area.NOTE, Headline.CAPTURE_TEMPORARY, Finding.facts(Fact.CLIENT, client,
                        Fact.SESSIONS, c.temporary.count, Fact.SECONDS, TEMPORARY_S), c.temporary.lines(end), null));
            }
            if (!young.isEmpty()) {
                out.add(new Finding(Severity.INFO, Area.NOTE, Headline.CAPTURE_YOUNG, Finding.facts(Fact.CLIENT, client,
                        Fact.SESSIONS, young.count, Fact.SECONDS, TEMPORARY_S), young.lines(end), null));
            }
            if (c.contexts != null && c.contexts.size() > 1) {
                out.add(new Finding(Severity.INFO, Area.NOTE, Headline.CAPTURE_CONTEXTS, Finding.facts(Fact.CLIENT, client,
                        Fact.CONTEXTS, List.copyOf(c.contexts)), c.all.lines(end), null));
            }
            if (!c.encrypted.isEmpty()) {
                out.add(new Finding(Severity.INFO, Area.NOTE, Headline.CAPTURE_ENCRYPTED, Finding.facts(Fact.CLIENT, client,
                        Fact.SESSIONS, c.encrypted.count), c.encrypted.lines(end), null));
            }
            if (!c.callbacks.isEmpty()) {
                out.add(new Finding(Severity.INFO, Area.NOTE, Headline.CAPTURE_CALLBACKS, Finding.facts(Fact.CLIENT, client),
                        c.callbacks.lines(end), null));
            }
            return out;
        }
    }

    /** The findings, made client by client each time they are read: bounded memory for any number of clients. */
    public static final class Result implements Iterable<Finding> {
        public static final Result NONE = new Result(new Builder(), 0);

        private final Builder builder;
        private final long end;
        private long count = -1;
        private boolean action;

        Result(Builder builder, long end) {
            this.builder = builder;
            this.end = end;
        }

        @Override
        public Iterator<Finding> iterator() {
            Iterator<Client> clients = builder.clients.values().iterator();
            return new Iterator<>() {
                Iterator<Finding> current = java.util.Collections.emptyIterator();

                @Override
                public boolean hasNext() {
                    while (!current.hasNext() && clients.hasNext()) {
                        current = builder.of(clients.next(), end).iterator();
                    }
                    return current.hasNext();
                }

                @Override
                public Finding next() {
                    if (!hasNext()) {
                        throw new NoSuchElementException();
                    }
                    return current.next();
                }
            };
        }

        private void counted() {
            if (count < 0) {
                long n = 0;
                boolean a = false;
                for (Finding f : this) {
                    n++;
                    a |= f.severity() == Severity.ACTION;
                }
                count = n;
                action = a;
            }
        }

        public long count() {
            counted();
            return count;
        }

        public boolean isEmpty() {
            return !iterator().hasNext();
        }

        /** A finding calls for action (the exit code 1). */
        public boolean actionNeeded() {
            counted();
            return action;
        }

        public List<Finding> list() {
            List<Finding> out = new ArrayList<>();
            forEach(out::add);
            return out;
        }

        public java.util.stream.Stream<Finding> stream() {
            return java.util.stream.StreamSupport.stream(spliterator(), false);
        }
    }

    public static Set<String> shortTrees(SmbSession s) {
        Set<String> t = new LinkedHashSet<>();
        for (String tree : s.trees) {
            int i = tree.lastIndexOf('\\');
            t.add(i >= 0 ? tree.substring(i + 1) : tree);
        }
        return t;
    }
}
