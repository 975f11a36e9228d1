package smbkit.kb;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import smbkit.Failure;
import smbkit.kb.Finding.Area;
import smbkit.kb.Finding.Evidence;
import smbkit.kb.Finding.Fact;
import smbkit.kb.Finding.Headline;
import smbkit.kb.Finding.Line;
import smbkit.kb.Finding.Severity;
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
        List<Evidence> nullEvidence = new ArrayList<>();
        for (NullClient c : nulls) {
            nullEvidence.add(Evidence.of(Line.NULL_CLIENT, Fact.CLIENT, c.client(), Fact.PRESENT, c.present(),
                    Fact.PERMANENT, c.count(Persistence.PERMANENT), Fact.ACTIVE_S, c.longestActiveS(),
                    Fact.SPOOLSS, Boolean.TRUE.equals(c.holdsSpoolss())));
        }
        files.stream().filter(f -> NullSessionAnalysis.isSpoolss(f.path())).forEach(f -> nullEvidence.add(
                Evidence.of(Line.SPOOLSS_FILE, Fact.FILE_ID, f.id(), Fact.PATH, f.path(), Fact.USER, f.user())));
        if (verdict.permanent() > 0) {
            boolean spoolss = nulls.stream().anyMatch(c -> Boolean.TRUE.equals(c.holdsSpoolss()));
            out.add(new Finding(Severity.ACTION, Area.CAUSE, Headline.PERMANENT_NULL_SESSIONS,
                    Finding.facts(Fact.PERMANENT, verdict.permanent(), Fact.SPOOLSS, spoolss, Fact.CLIENTS, verdict.clientsToVisit()),
                    nullEvidence, null));
        } else if (verdict.slotsTaken() > 0) {
            out.add(new Finding(Severity.INFO, Area.CAUSE, Headline.YOUNG_NULL_SESSIONS,
                    Finding.facts(Fact.SLOTS, verdict.slotsTaken()), nullEvidence, Commands.sampleLonger(in.host())));
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
        List<Evidence> evidence = new ArrayList<>();
        evidence.add(Evidence.of(Line.SMB1_NEGOTIATED, Fact.HOST, host, Fact.DIALECT, dialect));
        if (server != null) {
            Map<Fact, Object> facts = platformFacts(server);
            facts.putAll(limitFacts(SessionLimit.of(server)));
            evidence.add(new Evidence(Line.SMB1_REPORTS, facts));
        }
        evidence.add(Evidence.of(Line.SMB1_KB_LIMITS));
        evidence.add(Evidence.of(Line.SMB1_DEPRECATED));
        return new Finding(Severity.WARNING, Area.NOTE, Headline.SMB1_HOST, Finding.facts(Fact.HOST, host, Fact.DIALECT, dialect),
                evidence, null);
    }

    public static boolean actionNeeded(List<Finding> findings) {
        return findings.stream().anyMatch(f -> f.severity() == Severity.ACTION);
    }

    /** No session listing: the diagnosis cannot say how close the server is to its limit (exit 5, never 0). */
    public static boolean incomplete(Snapshot in) {
        return in.sessions() == null;
    }

    /** A part that could not be read: what, why, and what to do instead. */
    static Finding notRead(String host, String part, Refusal why) {
        List<Evidence> evidence = new ArrayList<>();
        evidence.add(Evidence.of(Line.REASON, Fact.REASON, why.reason()));
        String command = null;
        Failure f = why.failure();
        if (f == null) {
            evidence.add(Evidence.of(Line.GIVE_IT_TOO));
        } else if (f == Failure.SESSIONS_REFUSED) {
            evidence.add(Evidence.of(Line.HARDENED_LISTING));
            evidence.add(Evidence.of(Line.LOG_ON_AS_ADMIN, Fact.HOST, host));
            command = Commands.LOCAL_DIAGNOSIS;
        } else if (f == Failure.ACCESS_DENIED || f == Failure.NULL_SESSION_REFUSED || f == Failure.LOGON_FAILED) {
            evidence.add(Evidence.of(Line.ADMIN_CAN_READ, Fact.HOST, host));
            command = Commands.LOCAL_DIAGNOSIS;
        } else if (f == Failure.NOT_AVAILABLE) {
            evidence.add(Evidence.of(Line.LOCAL_MODE_READS));
            command = Commands.LOCAL_DIAGNOSIS;
        } else {
            evidence.add(Evidence.of(Line.RUN_AGAIN));
        }
        return new Finding(Severity.WARNING, Area.NOTE, Headline.NOT_READ, Finding.facts(Fact.PART, part), evidence, command,
                part, f);
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
        return new SessionLimit(null, in.server() == null ? SessionLimit.Basis.UNKNOWN_SERVER_INFO
                : SessionLimit.Basis.UNKNOWN_REGISTRY);
    }

    static boolean limitUnknown(Snapshot in) {
        if (in.server() == null) {
            return in.refused().containsKey(Snapshot.SERVER_INFO);
        }
        return SessionLimit.of(in.server()).limit() == null && in.samba() && in.refused().containsKey(Snapshot.REGISTRY);
    }

    /** The limit, how it is known and the platform that basis names. */
    static Map<Fact, Object> limitFacts(SessionLimit limit) {
        Map<Fact, Object> m = Finding.facts(Fact.LIMIT, limit.limit(), Fact.BASIS, limit.basis());
        if (limit.server() != null) {
            m.putAll(platformFacts(limit.server()));
        }
        return m;
    }

    static Map<Fact, Object> platformFacts(ServerInfo server) {
        return Finding.facts(Fact.OS, Platforms.os(server), Fact.VERSION, server.version(), Fact.PLATFORM_ID, server.platformId());
    }

    private static Evidence server(ServerInfo server) {
        Map<Fact, Object> m = Finding.facts(Fact.SERVER, server.name());
        m.putAll(platformFacts(server));
        return new Evidence(Line.SERVER, m);
    }

    private static Finding unknownLoad(Snapshot in, SessionCount count) {
        List<Evidence> evidence = new ArrayList<>();
        evidence.add(new Evidence(Line.LIMIT_KNOWN, limitFacts(count.limit())));
        evidence.add(Evidence.of(Line.SESSIONS_NOT_READ));
        if (in.server() != null) {
            evidence.add(server(in.server()));
        }
        return new Finding(Severity.WARNING, Area.SYMPTOM, Headline.SESSIONS_UNKNOWN, Finding.facts(Fact.HOST, in.host()),
                evidence, null);
    }

    private static Finding symptom(Snapshot in, SessionCount count) {
        Integer limit = count.limit().limit();
        List<Evidence> evidence = new ArrayList<>();
        evidence.add(new Evidence(Line.LIMIT, limitFacts(count.limit())));
        evidence.add(Evidence.of(Line.SESSIONS, Fact.SESSIONS, count.total(), Fact.ANONYMOUS, count.anonymous()));
        if (in.server() != null) {
            evidence.add(server(in.server()));
        }
        Map<Fact, Object> facts = Finding.facts(Fact.SESSIONS, count.total(), Fact.LIMIT, limit);
        if (limit == null) {
            return new Finding(Severity.INFO, Area.SYMPTOM, limitUnknown(in) ? Headline.SESSIONS_LIMIT_UNKNOWN
                    : Headline.SESSIONS_NO_FIXED_LIMIT, facts, evidence, null);
        }
        if (count.full()) {
            return new Finding(Severity.ACTION, Area.SYMPTOM, Headline.SESSIONS_AT_LIMIT, facts, evidence, null);
        }
        if (count.total() >= CLOSE_TO_LIMIT * limit) {
            return new Finding(Severity.WARNING, Area.SYMPTOM, Headline.SESSIONS_CLOSE_TO_LIMIT, facts, evidence, null);
        }
        return new Finding(Severity.INFO, Area.SYMPTOM, Headline.SESSIONS_BELOW_LIMIT, facts, evidence, null);
    }

    private static void several(SessionCount count, List<Finding> out) {
        Map<String, List<Session>> several = count.clientsWithSeveral();
        if (several.isEmpty()) {
            return;
        }
        List<Evidence> evidence = new ArrayList<>();
        several.forEach((c, list) -> evidence.add(Evidence.of(Line.CLIENT_SESSIONS, Fact.CLIENT, c, Fact.SESSIONS, list.size(),
                Fact.USERS, java.util.Collections.unmodifiableList(new ArrayList<>(list.stream().map(Session::user).toList())))));
        out.add(new Finding(Severity.WARNING, Area.CAUSE, Headline.SEVERAL_SESSIONS_PER_CLIENT,
                Finding.facts(Fact.CLIENT_COUNT, several.size()), evidence, null));
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
        List<Evidence> evidence = new ArrayList<>();
        users.forEach((c, u) -> {
            if (u.size() > 1) {
                evidence.add(Evidence.of(Line.CLIENT_USERS, Fact.CLIENT, c, Fact.USERS, List.copyOf(u)));
            }
        });
        if (!evidence.isEmpty()) {
            out.add(new Finding(Severity.WARNING, Area.CAUSE, Headline.OTHER_USER_CONTEXTS,
                    Finding.facts(Fact.CLIENT_COUNT, evidence.size()), evidence, null));
        }
    }

    private static void resolution(Snapshot in, NullSessionVerdict verdict, List<Finding> out) {
        if (verdict.permanent() == 0) {
            return;
        }
        out.add(new Finding(Severity.ACTION, Area.RESOLUTION, Headline.METHOD_1,
                Finding.facts(Fact.HOST, in.host(), Fact.SAMBA, in.samba(), Fact.LEVEL, currentRestriction(in)),
                List.of(in.samba() ? Evidence.of(Line.METHOD_1_SAMBA) : Evidence.of(Line.METHOD_1_WINDOWS, Fact.KEY, RegistryKeys.LSA)),
                Commands.apply(Commands.restrictAnonymous(in.host(), in.samba()))));
        out.add(new Finding(Severity.ACTION, Area.RESOLUTION, Headline.METHOD_2,
                Finding.facts(Fact.CLIENTS, verdict.clientsToVisit()),
                verdict.clientsToVisit().stream().map(c -> Evidence.of(Line.CLIENT_TO_VISIT, Fact.CLIENT, c)).toList(),
                Commands.apply(Commands.removePrinterShares(verdict.clientsToVisit()))));
        out.add(new Finding(Severity.WARNING, Area.RESOLUTION, Headline.CLOSE_NULL_SESSIONS, Map.of(),
                List.of(), Commands.apply(Commands.closeNullSessions(in.host()))));
    }

    /**
     * The restriction in force, as its value: a number on Windows (a value that is not a DWORD reads as 0, as
     * Windows reads it), Samba's text; null when not read.
     */
    private static Object currentRestriction(Snapshot in) {
        if (in.anonymousSettings() == null) {
            return null;
        }
        AnonymousSetting s = in.samba() ? AnonymousSetting.SAMBA_RESTRICT_ANONYMOUS : AnonymousSetting.RESTRICT_ANONYMOUS;
        if (!in.anonymousSettings().containsKey(s.name())) {
            return null;
        }
        Optional<smbkit.model.RegistryValue> v = Optional.ofNullable(in.anonymousSettings().get(s.name()));
        return in.samba() ? v.map(x -> x.asString()).orElse("0") : (Object) AnonymousSetting.dword(v, 0);
    }
}
