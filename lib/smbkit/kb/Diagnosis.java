package smbkit.kb;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import smbkit.Failure;
import smbkit.model.Commands;
import smbkit.model.OpenFile;
import smbkit.model.RegistryKeys;
import smbkit.model.ServerInfo;
import smbkit.model.Session;
import smbkit.model.SessionFilter;
import smbkit.model.Snapshot;
import smbkit.model.Snapshot.Refusal;

/**
 * KB 328459's diagnosis of one server from what was collected: the symptom (how close to the session limit),
 * the causes (NULL sessions holding \PIPE\spoolss, several sessions from one client, a service under another
 * user context), and the resolution (Method 1 here, Method 2 on the named clients, which sessions to close).
 * A part that could not be read is a finding of its own (what, why, what to do), never an empty reading: a
 * diagnosis without the session listing is {@link #incomplete incomplete}, never healthy.
 */
public final class Diagnosis {

    private Diagnosis() {}

    static final double CLOSE_TO_LIMIT = 0.8;

    public static List<Finding> of(Snapshot in) {
        List<Finding> out = new ArrayList<>();
        List<Session> sessions = in.sessions() == null ? List.of() : in.sessions();
        List<OpenFile> files = in.files() == null ? List.of() : in.files();
        SessionCount count = SessionCount.of(sessions, limit(in));

        out.add(in.sessions() == null ? unknownLoad(in, count) : symptom(in, count));

        List<NullClient> nulls = NullSessionAnalysis.analyse(List.of(new Sample(in.collectedAt(), sessions)), files,
                NullSessionAnalysis.serverListsPipes(in.samba(), in.files()));
        NullSessionVerdict verdict = NullSessionVerdict.of(nulls, count, in.host(), in.samba());
        List<String> nullEvidence = new ArrayList<>();
        for (NullClient c : nulls) {
            nullEvidence.add(c.client() + ": " + c.present() + " NULL session(s), " + c.count(Persistence.PERMANENT)
                    + " permanent, active up to " + c.longestActiveS() + " s"
                    + (Boolean.TRUE.equals(c.holdsSpoolss()) ? ", holding \\PIPE\\spoolss" : ""));
        }
        files.stream().filter(f -> NullSessionAnalysis.isSpoolss(f.path())).forEach(f -> nullEvidence.add(
                "open file " + f.id() + ": " + f.path() + " as " + (f.user() == null || f.user().isEmpty() ? "(null)" : f.user())));
        if (verdict.permanent() > 0) {
            boolean spoolss = nulls.stream().anyMatch(c -> Boolean.TRUE.equals(c.holdsSpoolss()));
            out.add(new Finding(Finding.Severity.ACTION, Finding.Area.CAUSE, Finding.Kind.PERMANENT_NULL_SESSIONS, verdict.permanent()
                    + " permanent NULL session(s) hold slots" + (spoolss ? ", holding \\PIPE\\spoolss (the print spooler's RPC)" : "")
                    + " from " + String.join(", ", verdict.clientsToVisit()), nullEvidence, null));
        } else if (verdict.slotsTaken() > 0) {
            out.add(new Finding(Finding.Severity.INFO, Finding.Area.CAUSE, Finding.Kind.YOUNG_NULL_SESSIONS, verdict.slotsTaken()
                    + " NULL session(s), younger than 90 s: maybe the temporary kind", nullEvidence,
                    Commands.sampleLonger(in.host())));
        }

        several(count, out);
        otherUserContexts(sessions, out);
        resolution(in, verdict, out);
        in.refused().forEach((part, why) -> out.add(notRead(in.host(), part, why)));
        return out;
    }

    /**
     * A host that spoke SMB1 (NT LM 0.12): the dialect of NT 4.0, 2000 and XP, the machines the KB is about, with
     * the KB's session limit for them. Null for any other dialect or an unknown one.
     */
    public static Finding dialect(String host, String dialect, ServerInfo server) {
        if (!Snapshot.SMB1_DIALECT.equals(dialect)) {
            return null;
        }
        List<String> evidence = new ArrayList<>();
        evidence.add(host + " negotiated " + dialect + ", the only dialect of Windows NT 4.0, 2000 and XP (SMB2 came with Vista)");
        if (server != null) {
            SessionLimit limit = SessionLimit.of(server);
            evidence.add("it reports " + Platforms.describe(server) + "; its session limit: "
                    + (limit.limit() == null ? limit.basis() : limit.limit() + " (" + limit.basis() + ")"));
        }
        evidence.add("KB 328459: NT 4.0 Workstation, 2000 Professional and XP Professional accept 10 concurrent sessions, XP Home 5");
        evidence.add("SMB1 is deprecated and disabled on current Windows; --no-smb1 refuses it where a site bans it");
        return new Finding(Finding.Severity.WARNING, Finding.Area.NOTE, Finding.Kind.SMB1_HOST,
                "speaks only SMB1 (" + dialect + "): an NT 4.0/2000/XP-class machine, limited to 10 sessions (XP Home 5)",
                evidence, null);
    }

    public static boolean actionNeeded(List<Finding> findings) {
        return findings.stream().anyMatch(f -> f.severity() == Finding.Severity.ACTION);
    }

    /** No session listing: the diagnosis cannot say how close the server is to its limit (exit 5, never 0). */
    public static boolean incomplete(Snapshot in) {
        return in.sessions() == null;
    }

    /** A part that could not be read: what, why, and what to do instead. */
    static Finding notRead(String host, String part, Refusal why) {
        List<String> evidence = new ArrayList<>();
        evidence.add(why.reason());
        String command = null;
        Failure f = why.failure();
        if (f == null) {
            evidence.add("give it too: --from with the file of the step that lists it, or a --save snapshot");
        } else if (f == Failure.SESSIONS_REFUSED) {
            evidence.add("hardened session listing: since Windows 10 1607 / Server 2019 (or with NetCease) NetrSessionEnum"
                    + " refuses every level to a non-administrator (the SrvsvcSessionInfo descriptor under"
                    + " LanmanServer\\DefaultSecurity); the load against the limit cannot be seen with this account");
            evidence.add("log on with an account in " + host + "'s Administrators group (-U DOMAIN/admin or -A FILE),"
                    + " or run the diagnosis on the server itself (local mode, no network session)");
            command = Commands.LOCAL_DIAGNOSIS;
        } else if (f == Failure.ACCESS_DENIED || f == Failure.NULL_SESSION_REFUSED || f == Failure.LOGON_FAILED) {
            evidence.add("an account in " + host + "'s Administrators group can read it (-U DOMAIN/admin or -A FILE),"
                    + " and so can local mode on the server itself (no network session)");
            command = Commands.LOCAL_DIAGNOSIS;
        } else if (f == Failure.NOT_AVAILABLE) {
            evidence.add("the server does not offer it over the network; on the server itself local mode reads it");
            command = Commands.LOCAL_DIAGNOSIS;
        } else {
            evidence.add("run the diagnosis again; if it keeps failing, run it on the server itself");
        }
        String what = part.equals(Snapshot.SESSIONS) ? "the session listing (the diagnosis needs it)" : part;
        return new Finding(Finding.Severity.WARNING, Finding.Area.NOTE, Finding.Kind.NOT_READ,
                what + " not read" + (f == null ? ": not in the input" : ": " + f.title()), evidence, command, part, f);
    }

    /**
     * The limit as far as it could be learned: Samba's 'max smbd processes' comes from its registry, so
     * with the registry unread the limit is unknown, not "none".
     */
    static SessionLimit limit(Snapshot in) {
        SessionLimit limit = SessionLimit.of(in.server());
        if (!limitUnknown(in)) {
            return limit;
        }
        return new SessionLimit(null, in.server() == null ? "unknown: the server info could not be read"
                : "unknown: Samba's 'max smbd processes' is read from its registry, which could not be read");
    }

    static boolean limitUnknown(Snapshot in) {
        if (in.server() == null) {
            return in.refused().containsKey(Snapshot.SERVER_INFO);
        }
        return SessionLimit.of(in.server()).limit() == null && in.samba() && in.refused().containsKey(Snapshot.REGISTRY);
    }

    private static Finding unknownLoad(Snapshot in, SessionCount count) {
        List<String> evidence = new ArrayList<>();
        Integer limit = count.limit().limit();
        evidence.add("limit: " + (limit == null ? count.limit().basis() : limit + " (" + count.limit().basis() + ")"));
        evidence.add("sessions: not read");
        if (in.server() != null) {
            evidence.add("server: " + in.server().name() + ", " + Platforms.describe(in.server()));
        }
        return new Finding(Finding.Severity.WARNING, Finding.Area.SYMPTOM, Finding.Kind.SESSIONS_UNKNOWN,
                "sessions unknown: the session listing could not be read, so how close " + in.host()
                        + " is to its limit is not known", evidence, null);
    }

    private static Finding symptom(Snapshot in, SessionCount count) {
        Integer limit = count.limit().limit();
        List<String> evidence = new ArrayList<>();
        evidence.add("limit: " + (limit == null ? "none fixed" : limit) + " (" + count.limit().basis() + ")");
        evidence.add("sessions: " + count.total() + ", of them NULL/guest: " + count.anonymous());
        if (in.server() != null) {
            evidence.add("server: " + in.server().name() + ", " + Platforms.describe(in.server()));
        }
        if (limit == null) {
            boolean unknown = limitUnknown(in);
            return new Finding(Finding.Severity.INFO, Finding.Area.SYMPTOM, Finding.Kind.SESSIONS, count.total()
                    + " sessions; " + (unknown ? "limit unknown" : "no fixed limit"), evidence, null);
        }
        if (count.full()) {
            return new Finding(Finding.Severity.ACTION, Finding.Area.SYMPTOM, Finding.Kind.SESSIONS, count.total() + " of " + limit
                    + " sessions: at the limit, the next client gets System error 71", evidence, null);
        }
        if (count.total() >= CLOSE_TO_LIMIT * limit) {
            return new Finding(Finding.Severity.WARNING, Finding.Area.SYMPTOM, Finding.Kind.SESSIONS, count.total() + " of " + limit
                    + " sessions: close to the limit (error 71 when full)", evidence, null);
        }
        return new Finding(Finding.Severity.INFO, Finding.Area.SYMPTOM, Finding.Kind.SESSIONS, count.total() + " of " + limit + " sessions",
                evidence, null);
    }

    private static void several(SessionCount count, List<Finding> out) {
        Map<String, List<Session>> several = count.clientsWithSeveral();
        if (several.isEmpty()) {
            return;
        }
        List<String> evidence = new ArrayList<>();
        several.forEach((c, list) -> evidence.add(c + ": " + list.size() + " sessions ("
                + String.join(", ", list.stream().map(s -> s.user() == null ? "?" : s.user().isEmpty() ? "(null)" : s.user()).toList())
                + ")"));
        out.add(new Finding(Finding.Severity.WARNING, Finding.Area.CAUSE, Finding.Kind.SEVERAL_SESSIONS_PER_CLIENT, several.size()
                + " client(s) hold more than one session, each one a slot (net session shows one line)", evidence, null));
    }

    /** A client on which two authenticated users have sessions: a service running under another account. */
    private static void otherUserContexts(List<Session> sessions, List<Finding> out) {
        Map<String, Set<String>> users = new LinkedHashMap<>();
        for (Session s : sessions) {
            if (s.kind() == smbkit.model.SessionKind.USER) {
                users.computeIfAbsent(SessionFilter.normalize(s.client()), k -> new LinkedHashSet<>())
                        .add(s.user().toLowerCase(java.util.Locale.ROOT));
            }
        }
        List<String> evidence = new ArrayList<>();
        users.forEach((c, u) -> {
            if (u.size() > 1) {
                evidence.add(c + ": " + String.join(", ", u));
            }
        });
        if (!evidence.isEmpty()) {
            out.add(new Finding(Finding.Severity.WARNING, Finding.Area.CAUSE, Finding.Kind.OTHER_USER_CONTEXTS, evidence.size()
                    + " client(s) have sessions under several user accounts: a service under another user context takes its own slot",
                    evidence, null));
        }
    }

    private static void resolution(Snapshot in, NullSessionVerdict verdict, List<Finding> out) {
        if (verdict.permanent() == 0) {
            return;
        }
        String current = currentRestriction(in);
        out.add(new Finding(Finding.Severity.ACTION, Finding.Area.RESOLUTION, Finding.Kind.METHOD_1,
                "Method 1 on " + in.host() + ": restrict NULL sessions" + (current == null ? "" : " (now: " + current + ")"),
                List.of(in.samba() ? "Samba refuses new NULL sessions at 'restrict anonymous = 2'; existing ones stay until closed"
                        : "RestrictAnonymous in HKLM\\" + RegistryKeys.LSA + "; existing NULL sessions stay until closed"),
                Commands.apply(Commands.restrictAnonymous(in.host(), in.samba()))));
        out.add(new Finding(Finding.Severity.ACTION, Finding.Area.RESOLUTION, Finding.Kind.METHOD_2,
                "Method 2 on " + String.join(", ", verdict.clientsToVisit()) + ": remove their printer shares",
                verdict.clientsToVisit().stream().map(c -> c + ": keeps NULL sessions here (the KB's print spooler)").toList(),
                Commands.apply(Commands.removePrinterShares(verdict.clientsToVisit()))));
        out.add(new Finding(Finding.Severity.WARNING, Finding.Area.RESOLUTION, Finding.Kind.CLOSE_NULL_SESSIONS,
                "Last resort: close the NULL sessions now (they hold no user's files; the clients' other sessions stay)",
                List.of(), Commands.apply(Commands.closeNullSessions(in.host()))));
    }

    private static String currentRestriction(Snapshot in) {
        if (in.anonymousSettings() == null) {
            return null;
        }
        AnonymousSetting s = in.samba() ? AnonymousSetting.SAMBA_RESTRICT_ANONYMOUS : AnonymousSetting.RESTRICT_ANONYMOUS;
        if (!in.anonymousSettings().containsKey(s.name())) {
            return null;
        }
        return s.meaningOf(Optional.ofNullable(in.anonymousSettings().get(s.name())));
    }
}
