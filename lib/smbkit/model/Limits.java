package smbkit.model;

/** How servers say "no limit", and what Samba counts against its own. */
public final class Limits {

    private Limits() {}

    /** 0xFFFFFFFF: no limit, in sv102_users and shi*_max_uses (what Samba's srvsvc always reports as users). */
    public static final long UNLIMITED = 0xFFFFFFFFL;

    /** Samba counts two helper processes against 'max smbd processes'. */
    public static final int SAMBA_HELPER_PROCESSES = 2;

    /** The sessions a Samba with this 'max smbd processes' accepts: less its helpers, else no limit. */
    public static long sambaSessions(long maxSmbdProcesses) {
        return maxSmbdProcesses > SAMBA_HELPER_PROCESSES ? maxSmbdProcesses - SAMBA_HELPER_PROCESSES : UNLIMITED;
    }
}
