package smbkit.kb;

import java.util.List;

import smbkit.Failure;

/**
 * One finding of the diagnosis in the KB's terms: the symptom, a cause, or a resolution; how urgent; the
 * rows of evidence behind it; and the smbkit command that would act on it (the diagnosis changes nothing).
 * {@code kind} says what it is as data; a part that could not be read names the {@code part} and the
 * {@code failure} that stopped it (both null otherwise).
 */
public record Finding(Severity severity, Area area, Kind kind, String title, List<String> evidence, String command,
        String part, Failure failure) {

    public Finding(Severity severity, Area area, Kind kind, String title, List<String> evidence, String command) {
        this(severity, area, kind, title, evidence, command, null, null);
    }

    public enum Severity {
        ACTION, WARNING, INFO;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public enum Area {
        SYMPTOM, CAUSE, RESOLUTION, NOTE;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
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
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
