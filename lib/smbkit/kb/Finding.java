package smbkit.kb;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import smbkit.Failure;

/**
 * One finding of the diagnosis in the KB's terms, as data: the symptom, a cause, or a resolution; how urgent;
 * its {@link Headline} (what it says, which implies its {@link Kind}) with the {@link Fact facts} it names; the
 * rows of {@link Evidence} behind it, each a {@link Line} with facts of its own; and the smbkit command that
 * would act on it (a command line is data; the diagnosis changes nothing). A part that could not be read
 * names the {@code part} and the {@code failure} that stopped it (both null otherwise). The words are
 * render's (render.FindingText).
 */
public record Finding(Severity severity, Area area, Headline headline, Map<Fact, Object> facts, List<Evidence> evidence,
        String command, String part, Failure failure) {

    public Finding {
        facts = frozen(facts);
        evidence = List.copyOf(evidence);
    }

    public Finding(Severity severity, Area area, Headline headline, Map<Fact, Object> facts, List<Evidence> evidence,
            String command) {
        this(severity, area, headline, facts, evidence, command, null, null);
    }

    /** What the finding is, for scripts reading the JSON. */
    public Kind kind() {
        return headline.kind();
    }

    public Object fact(Fact key) {
        return facts.get(key);
    }

    /** This finding with one more row of evidence. */
    public Finding with(Evidence more) {
        List<Evidence> all = new ArrayList<>(evidence);
        all.add(more);
        return new Finding(severity, area, headline, facts, all, command, part, failure);
    }

    /** Facts from alternating keys and values: {@code facts(Fact.HOST, host, Fact.SESSIONS, 3)}; values may be null. */
    public static Map<Fact, Object> facts(Object... keysAndValues) {
        Map<Fact, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put((Fact) keysAndValues[i], keysAndValues[i + 1]);
        }
        return m;
    }

    static Map<Fact, Object> frozen(Map<Fact, Object> facts) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(facts));
    }

    /** One row of evidence: what kind of row, and what it names. */
    public record Evidence(Line line, Map<Fact, Object> facts) {

        public Evidence {
            facts = frozen(facts);
        }

        public static Evidence of(Line line, Object... keysAndValues) {
            return new Evidence(line, Finding.facts(keysAndValues));
        }

        public Object fact(Fact key) {
            return facts.get(key);
        }
    }

    /** The names of the facts a finding or a row of evidence carries (their JSON keys in snake_case). */
    public enum Fact {
        HOST, SERVER, CLIENT, CLIENT_PORT, CLIENTS, CLIENT_COUNT, SESSIONS, ANONYMOUS, PERMANENT, PRESENT, SLOTS,
        ACTIVE_S, SPOOLSS, FILE_ID, PATH, USER, USERS, LIMIT, BASIS, OS, VERSION, PLATFORM_ID, DIALECT, SAMBA,
        LEVEL, KEY, PART, REASON, MESSAGE, TREES, CALLS, SECONDS, CONTEXT, CONTEXTS, SESSION_ID, DURATION_S, END,
        PIPES, HANDLES, HELD, COUNT, FILES;

        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** What a row of evidence is. */
    public enum Line {
        /** The limit and how it is known. */
        LIMIT,
        /** The limit as far as known, for a load not read. */
        LIMIT_KNOWN,
        SESSIONS,
        SESSIONS_NOT_READ,
        SERVER,
        NULL_CLIENT,
        SPOOLSS_FILE,
        CLIENT_SESSIONS,
        CLIENT_USERS,
        METHOD_1_SAMBA,
        METHOD_1_WINDOWS,
        CLIENT_TO_VISIT,
        /** Why a part was refused, as the access layer said it. */
        REASON,
        GIVE_IT_TOO,
        HARDENED_LISTING,
        LOG_ON_AS_ADMIN,
        ADMIN_CAN_READ,
        LOCAL_MODE_READS,
        RUN_AGAIN,
        SMB1_NEGOTIATED,
        SMB1_REPORTS,
        SMB1_KB_LIMITS,
        SMB1_DEPRECATED,
        /** A host's failure, its one-line message. */
        FAILURE,
        RETRY_LOCALLY,
        CAPTURE_SESSION,
        /** Sessions counted, not named one by one. */
        MORE,
        /** The capture the finding comes from. */
        CAPTURE_SOURCE;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** What a finding says, each with its kind. */
    public enum Headline {
        SESSIONS_UNKNOWN(Kind.SESSIONS_UNKNOWN),
        SESSIONS_LIMIT_UNKNOWN(Kind.SESSIONS),
        SESSIONS_NO_FIXED_LIMIT(Kind.SESSIONS),
        SESSIONS_AT_LIMIT(Kind.SESSIONS),
        SESSIONS_CLOSE_TO_LIMIT(Kind.SESSIONS),
        SESSIONS_BELOW_LIMIT(Kind.SESSIONS),
        PERMANENT_NULL_SESSIONS(Kind.PERMANENT_NULL_SESSIONS),
        YOUNG_NULL_SESSIONS(Kind.YOUNG_NULL_SESSIONS),
        SEVERAL_SESSIONS_PER_CLIENT(Kind.SEVERAL_SESSIONS_PER_CLIENT),
        OTHER_USER_CONTEXTS(Kind.OTHER_USER_CONTEXTS),
        METHOD_1(Kind.METHOD_1),
        METHOD_2(Kind.METHOD_2),
        CLOSE_NULL_SESSIONS(Kind.CLOSE_NULL_SESSIONS),
        NOT_READ(Kind.NOT_READ),
        HOST_AT_LIMIT(Kind.HOST_AT_LIMIT),
        HOST_UNREACHABLE(Kind.HOST_UNREACHABLE),
        SMB1_HOST(Kind.SMB1_HOST),
        /** From a capture: anonymous sessions whose spoolss handle the print spooler never closed. */
        CAPTURE_SPOOLER_HELD(Kind.PERMANENT_NULL_SESSIONS),
        /** From a capture: anonymous sessions that stayed past the KB's 90 s. */
        CAPTURE_STAYED(Kind.PERMANENT_NULL_SESSIONS),
        CAPTURE_TEMPORARY(Kind.TEMPORARY_NULL_SESSIONS),
        CAPTURE_YOUNG(Kind.YOUNG_NULL_SESSIONS),
        CAPTURE_CONTEXTS(Kind.OTHER_USER_CONTEXTS),
        CAPTURE_ENCRYPTED(Kind.ENCRYPTED_SESSIONS),
        CAPTURE_CALLBACKS(Kind.SPOOLER_CALLBACKS);

        private final Kind kind;

        Headline(Kind kind) {
            this.kind = kind;
        }

        public Kind kind() {
            return kind;
        }

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public enum Severity {
        ACTION, WARNING, INFO;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public enum Area {
        SYMPTOM, CAUSE, RESOLUTION, NOTE;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** What a finding is, for scripts reading the JSON (stable snake_case labels). */
    public enum Kind {
        /** The sessions in use against the limit. */
        SESSIONS,
        /** The session listing could not be read: the load is unknown. */
        SESSIONS_UNKNOWN,
        PERMANENT_NULL_SESSIONS,
        YOUNG_NULL_SESSIONS,
        SEVERAL_SESSIONS_PER_CLIENT,
        OTHER_USER_CONTEXTS,
        METHOD_1,
        METHOD_2,
        CLOSE_NULL_SESSIONS,
        /** A part of the server (sessions, open files, registry, ...) that could not be read. */
        NOT_READ,
        /** The server refused smbkit's own connection for being full: the KB's symptom itself. */
        HOST_AT_LIMIT,
        /** The host could not be reached or diagnosed at all. */
        HOST_UNREACHABLE,
        /** The host speaks only SMB1 (NT LM 0.12): an NT 4.0, 2000 or XP-class machine, the KB's own kind. */
        SMB1_HOST,
        /** From a capture: NULL sessions that ended within the KB's 90 s (temporary: no action). */
        TEMPORARY_NULL_SESSIONS,
        /** From a capture: SMB3-encrypted sessions, whose trees, pipes and calls the capture cannot show. */
        ENCRYPTED_SESSIONS,
        /** From a capture: a print spooler's change-notification channel back to a client (RpcReplyOpenPrinter). */
        SPOOLER_CALLBACKS;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
