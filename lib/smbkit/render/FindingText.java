package smbkit.render;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import smbkit.kb.AnonymousSetting;
import smbkit.kb.Finding;
import smbkit.kb.Finding.Evidence;
import smbkit.kb.Finding.Fact;
import smbkit.kb.Platforms.Os;
import smbkit.kb.SessionLimit;
import smbkit.kb.SessionLimit.Basis;
import smbkit.model.RegistryValue;
import smbkit.model.ServerInfo;
import smbkit.model.Snapshot;

/**
 * The words of findings, the one place they are made: a finding's title and its rows of evidence from its
 * headline, evidence lines and facts; the limit's basis and the platform's name; and the facts as JSON
 * (snake_case keys, enums by their labels).
 */
public final class FindingText {

    private FindingText() {}

    public static String title(Finding f) {
        Map<Fact, Object> m = f.facts();
        return switch (f.headline()) {
            case SESSIONS_UNKNOWN -> "sessions unknown: the session listing could not be read, so how close " + m.get(Fact.HOST)
                    + " is to its limit is not known";
            case SESSIONS_LIMIT_UNKNOWN -> m.get(Fact.SESSIONS) + " sessions; limit unknown";
            case SESSIONS_NO_FIXED_LIMIT -> m.get(Fact.SESSIONS) + " sessions; no fixed limit";
            case SESSIONS_AT_LIMIT -> load(m) + ": at the limit, the next client gets System error 71";
            case SESSIONS_CLOSE_TO_LIMIT -> load(m) + ": close to the limit (error 71 when full)";
            case SESSIONS_BELOW_LIMIT -> load(m);
            case PERMANENT_NULL_SESSIONS -> m.get(Fact.PERMANENT) + " permanent NULL session(s) hold slots"
                    + (yes(m.get(Fact.SPOOLSS)) ? ", holding \\PIPE\\spoolss (the print spooler's RPC)" : "") + " from "
                    + join(", ", m.get(Fact.CLIENTS));
            case YOUNG_NULL_SESSIONS -> m.get(Fact.SLOTS) + " NULL session(s), younger than 90 s: maybe the temporary kind";
            case SEVERAL_SESSIONS_PER_CLIENT -> m.get(Fact.CLIENT_COUNT)
                    + " client(s) hold more than one session, each one a slot (net session shows one line)";
            case OTHER_USER_CONTEXTS -> m.get(Fact.CLIENT_COUNT) + " client(s) have sessions under several user accounts:"
                    + " a service under another user context takes its own slot";
            case METHOD_1 -> "Method 1 on " + m.get(Fact.HOST) + ": restrict NULL sessions"
                    + (m.get(Fact.LEVEL) == null ? "" : " (now: " + restriction(yes(m.get(Fact.SAMBA)), m.get(Fact.LEVEL)) + ")");
            case METHOD_2 -> "Method 2 on " + join(", ", m.get(Fact.CLIENTS)) + ": remove their printer shares";
            case CLOSE_NULL_SESSIONS ->
                    "Last resort: close the NULL sessions now (they hold no user's files; the clients' other sessions stay)";
            case NOT_READ -> (Snapshot.SESSIONS.equals(m.get(Fact.PART)) ? "the session listing (the diagnosis needs it)"
                    : m.get(Fact.PART)) + " not read" + (f.failure() == null ? ": not in the input" : ": " + f.failure().title());
            case HOST_AT_LIMIT -> "at its connection limit: " + m.get(Fact.HOST)
                    + " refused smbkit's own session too (System error 71, the KB's symptom)";
            case HOST_UNREACHABLE -> "not diagnosed: " + f.failure().title();
            case SMB1_HOST -> "speaks only SMB1 (" + m.get(Fact.DIALECT)
                    + "): an NT 4.0/2000/XP-class machine, limited to 10 sessions (XP Home 5)";
            case CAPTURE_SPOOLER_HELD -> m.get(Fact.CLIENT) + " opened " + count(m.get(Fact.SESSIONS), "anonymous session") + " to "
                    + join(", ", m.get(Fact.TREES)) + ", bound spoolss, called " + join(" and ", m.get(Fact.CALLS))
                    + " and never closed the handle: the print spooler holds them (KB 328459 cause); Method 2 on " + m.get(Fact.CLIENT);
            case CAPTURE_STAYED -> m.get(Fact.CLIENT) + " held " + count(m.get(Fact.SESSIONS), "anonymous session") + " for "
                    + m.get(Fact.SECONDS) + " s or longer (permanent NULL sessions, each takes a session slot)"
                    + (yes(m.get(Fact.SPOOLSS)) ? ", with spoolss bound" : "");
            case CAPTURE_TEMPORARY -> m.get(Fact.CLIENT) + " opened " + count(m.get(Fact.SESSIONS), "temporary anonymous session")
                    + " that ended within " + m.get(Fact.SECONDS) + " s (the KB's temporary NULL sessions: no action)";
            case CAPTURE_YOUNG -> m.get(Fact.CLIENT) + " has " + count(m.get(Fact.SESSIONS), "anonymous session")
                    + " still open at the end of the capture, younger than " + m.get(Fact.SECONDS)
                    + " s: capture longer to tell temporary from permanent";
            case CAPTURE_CONTEXTS -> m.get(Fact.CLIENT) + " opened sessions under " + ((List<?>) m.get(Fact.CONTEXTS)).size()
                    + " security contexts (" + join(", ", m.get(Fact.CONTEXTS)) + "): a program or service on " + m.get(Fact.CLIENT)
                    + " runs under another account than the user's";
            case CAPTURE_ENCRYPTED -> count(m.get(Fact.SESSIONS), "session") + " from " + m.get(Fact.CLIENT)
                    + " encrypted (SMB3): the trees, pipes and calls inside cannot be read from the capture";
            case CAPTURE_CALLBACKS -> m.get(Fact.CLIENT) + "'s print spooler opened a notification channel back"
                    + " (RpcReplyOpenPrinter): printer change notifications keep a session to the other side";
        };
    }

    /** The finding's rows of evidence, one line each. */
    public static List<String> evidence(Finding f) {
        List<String> out = new ArrayList<>(f.evidence().size());
        f.evidence().forEach(e -> out.add(line(e)));
        return out;
    }

    public static String line(Evidence e) {
        Map<Fact, Object> m = e.facts();
        return switch (e.line()) {
            case LIMIT -> "limit: " + (m.get(Fact.LIMIT) == null ? "none fixed" : m.get(Fact.LIMIT)) + " (" + basis(m) + ")";
            case LIMIT_KNOWN -> "limit: " + limitAndBasis(m);
            case SESSIONS -> "sessions: " + m.get(Fact.SESSIONS) + ", of them NULL/guest: " + m.get(Fact.ANONYMOUS);
            case SESSIONS_NOT_READ -> "sessions: not read";
            case SERVER -> "server: " + m.get(Fact.SERVER) + ", " + platform(m);
            case NULL_CLIENT -> m.get(Fact.CLIENT) + ": " + m.get(Fact.PRESENT) + " NULL session(s), " + m.get(Fact.PERMANENT)
                    + " permanent, active up to " + m.get(Fact.ACTIVE_S) + " s"
                    + (yes(m.get(Fact.SPOOLSS)) ? ", holding \\PIPE\\spoolss" : "");
            case SPOOLSS_FILE -> "open file " + m.get(Fact.FILE_ID) + ": " + m.get(Fact.PATH) + " as " + user(m.get(Fact.USER), "(null)");
            case CLIENT_SESSIONS -> m.get(Fact.CLIENT) + ": " + m.get(Fact.SESSIONS) + " sessions ("
                    + String.join(", ", ((List<?>) m.get(Fact.USERS)).stream().map(u -> u == null ? "?" : user(u, "(null)")).toList())
                    + ")";
            case CLIENT_USERS -> m.get(Fact.CLIENT) + ": " + join(", ", m.get(Fact.USERS));
            case METHOD_1_SAMBA -> "Samba refuses new NULL sessions at 'restrict anonymous = 2'; existing ones stay until closed";
            case METHOD_1_WINDOWS -> "RestrictAnonymous in HKLM\\" + m.get(Fact.KEY) + "; existing NULL sessions stay until closed";
            case CLIENT_TO_VISIT -> m.get(Fact.CLIENT) + ": keeps NULL sessions here (the KB's print spooler)";
            case REASON -> String.valueOf(m.get(Fact.REASON));
            case GIVE_IT_TOO -> "give it too: --from with the file of the step that lists it, or a --save snapshot";
            case HARDENED_LISTING -> "hardened session listing: since Windows 10 1607 / Server 2019 (or with NetCease) NetrSessionEnum"
                    + " refuses every level to a non-administrator (the SrvsvcSessionInfo descriptor under"
                    + " LanmanServer\\DefaultSecurity); the load against the limit cannot be seen with this account";
            case LOG_ON_AS_ADMIN -> "log on with an account in " + m.get(Fact.HOST) + "'s Administrators group (-U DOMAIN/admin or -A FILE),"
                    + " or run the diagnosis on the server itself (local mode, no network session)";
            case ADMIN_CAN_READ -> "an account in " + m.get(Fact.HOST) + "'s Administrators group can read it (-U DOMAIN/admin or -A FILE),"
                    + " and so can local mode on the server itself (no network session)";
            case LOCAL_MODE_READS -> "the server does not offer it over the network; on the server itself local mode reads it";
            case RUN_AGAIN -> "run the diagnosis again; if it keeps failing, run it on the server itself";
            case SMB1_NEGOTIATED -> m.get(Fact.HOST) + " negotiated " + m.get(Fact.DIALECT)
                    + ", the only dialect of Windows NT 4.0, 2000 and XP (SMB2 came with Vista)";
            case SMB1_REPORTS -> "it reports " + platform(m) + "; its session limit: " + limitAndBasis(m);
            case SMB1_KB_LIMITS ->
                    "KB 328459: NT 4.0 Workstation, 2000 Professional and XP Professional accept 10 concurrent sessions, XP Home 5";
            case SMB1_DEPRECATED -> "SMB1 is deprecated and disabled on current Windows; --no-smb1 refuses it where a site bans it";
            case FAILURE -> String.valueOf(m.get(Fact.MESSAGE));
            case RETRY_LOCALLY -> "run the diagnosis on the server itself (local mode needs no network session), "
                    + "or again in 30 to 90 s when temporary NULL sessions have dropped";
            case CAPTURE_SESSION -> captureSession(m);
            case MORE -> "and " + count(m.get(Fact.COUNT), "more session");
            case CAPTURE_SOURCE -> "seen in the capture " + join(", ", m.get(Fact.FILES));
        };
    }

    /** How a limit is known, in words. */
    public static String basis(SessionLimit limit) {
        ServerInfo s = limit.server();
        return basis(limit.basis(), s == null ? null : platform(smbkit.kb.Platforms.os(s), s.version(), s.platformId()));
    }

    /** "5 of 10", "5 (no fixed limit)". */
    public static String load(SessionLimit limit, int sessions) {
        return limit.limit() == null ? sessions + " (no fixed limit)" : sessions + " of " + limit.limit();
    }

    /** The operating system a server reports, as an administrator would say it. */
    public static String platform(ServerInfo info) {
        return platform(smbkit.kb.Platforms.os(info), info.version(), info.platformId());
    }

    /** A finding's facts as JSON: snake_case keys, enums by their labels, a session id in hex as the sessions' JSON has it. */
    public static Map<String, Object> facts(Finding f) {
        return json(f.facts(), null);
    }

    /** Each row of evidence as JSON: its {@code line} and its facts. */
    public static List<Map<String, Object>> evidenceFacts(Finding f) {
        List<Map<String, Object>> out = new ArrayList<>(f.evidence().size());
        f.evidence().forEach(e -> out.add(json(e.facts(), e.line().label())));
        return out;
    }

    private static Map<String, Object> json(Map<Fact, Object> facts, String line) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (line != null) {
            m.put("line", line);
        }
        facts.forEach((k, v) -> m.put(k.key(), v instanceof Enum<?> e ? e.name().toLowerCase(Locale.ROOT)
                : k == Fact.SESSION_ID && v instanceof Number n ? "0x" + Long.toHexString(n.longValue()) : v));
        return m;
    }

    private static String captureSession(Map<Fact, Object> m) {
        StringBuilder b = new StringBuilder();
        b.append(m.get(Fact.CLIENT)).append(':').append(m.get(Fact.CLIENT_PORT)).append(" session 0x")
                .append(Long.toHexString(((Number) m.get(Fact.SESSION_ID)).longValue())).append(" as ").append(m.get(Fact.CONTEXT))
                .append(", ").append(m.get(Fact.DURATION_S)).append(" s, ").append(m.get(Fact.END));
        if (m.get(Fact.PIPES) != null) {
            b.append(", pipes ").append(m.get(Fact.PIPES));
        }
        long handles = ((Number) m.get(Fact.HANDLES)).longValue();
        if (handles > 0) {
            b.append(", ").append(count(handles, "spoolss handle")).append(" (").append(m.get(Fact.HELD)).append(" never closed)");
        }
        return b.toString();
    }

    private static String load(Map<Fact, Object> m) {
        return m.get(Fact.SESSIONS) + " of " + m.get(Fact.LIMIT) + " sessions";
    }

    private static String limitAndBasis(Map<Fact, Object> m) {
        return m.get(Fact.LIMIT) == null ? basis(m) : m.get(Fact.LIMIT) + " (" + basis(m) + ")";
    }

    private static String basis(Map<Fact, Object> m) {
        return basis((Basis) m.get(Fact.BASIS), m.get(Fact.OS) == null ? null : platform(m));
    }

    private static String basis(Basis basis, String platform) {
        return switch (basis) {
            case SERVER_INFO_UNAVAILABLE -> "server info unavailable";
            case SAMBA_MAX_PROCESSES -> "Samba's 'max smbd processes' less its two helper processes";
            case SAMBA_NO_MAX_PROCESSES -> "Samba: no 'max smbd processes' (over the network, one in smb.conf cannot be seen)";
            case SV102_USERS -> "the server's maximum users (sv102_users)";
            case KB_FIGURE -> "KB 328459 figure for " + platform;
            case UNLIMITED -> "unlimited (sv102_users)";
            case NO_FIXED_LIMIT -> "no fixed limit for " + platform;
            case UNKNOWN_SERVER_INFO -> "unknown: the server info could not be read";
            case UNKNOWN_REGISTRY -> "unknown: Samba's 'max smbd processes' is read from its registry, which could not be read";
        };
    }

    private static String platform(Map<Fact, Object> m) {
        return platform((Os) m.get(Fact.OS), (String) m.get(Fact.VERSION), ((Number) m.get(Fact.PLATFORM_ID)).longValue());
    }

    private static String platform(Os os, String version, long platformId) {
        String name = switch (os) {
            case SAMBA -> null;
            case NT4_SERVER -> "Windows NT 4.0 Server";
            case NT4_WORKSTATION -> "Windows NT 4.0 Workstation";
            case WINDOWS_2000_SERVER -> "Windows 2000 Server";
            case WINDOWS_2000_PROFESSIONAL -> "Windows 2000 Professional";
            case WINDOWS_XP -> "Windows XP";
            case WINDOWS_SERVER_2003 -> "Windows Server 2003";
            case WINDOWS_XP_X64 -> "Windows XP x64";
            case WINDOWS_SERVER_2008 -> "Windows Server 2008";
            case WINDOWS_VISTA -> "Windows Vista";
            case WINDOWS_SERVER_2008_R2 -> "Windows Server 2008 R2";
            case WINDOWS_7 -> "Windows 7";
            case WINDOWS_SERVER_2012 -> "Windows Server 2012";
            case WINDOWS_8 -> "Windows 8";
            case WINDOWS_SERVER_2012_R2 -> "Windows Server 2012 R2";
            case WINDOWS_8_1 -> "Windows 8.1";
            case WINDOWS_SERVER_2016 -> "Windows Server 2016 or later";
            case WINDOWS_10 -> "Windows 10 or later";
            case OTHER -> "Windows " + version;
        };
        if (name == null) {
            return "Samba (reports Windows " + version + ")";
        }
        return name + (platformId == 500 ? "" : " (platform " + platformId + ")");
    }

    /** The restriction in force in words: Windows' RestrictAnonymous or Samba's restrict anonymous. */
    private static String restriction(boolean samba, Object level) {
        return SettingText.meaning(samba ? AnonymousSetting.SAMBA_RESTRICT_ANONYMOUS.meaningOf(Optional.of(RegistryValue.string(level.toString())))
                : AnonymousSetting.RESTRICT_ANONYMOUS.meaningOf(Optional.of(RegistryValue.dword(((Number) level).longValue()))));
    }

    private static String user(Object user, String empty) {
        return user == null || user.toString().isEmpty() ? empty : user.toString();
    }

    private static boolean yes(Object flag) {
        return Boolean.TRUE.equals(flag);
    }

    private static String join(String by, Object list) {
        return String.join(by, ((List<?>) list).stream().map(String::valueOf).toList());
    }

    private static String count(Object n, String what) {
        return Words.count(((Number) n).longValue(), what);
    }
}
