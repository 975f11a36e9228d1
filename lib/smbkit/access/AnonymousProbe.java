package smbkit.access;

import java.util.ArrayList;
import java.util.List;

import smbkit.Failure;
import smbkit.SmbkitException;
import smbkit.rpc.Credentials;
import smbkit.rpc.RpcPipe;
import smbkit.rpc.SmbConnection;
import smbkit.rpc.Target;
import smbkit.rpc.srvsvc.EnumCall;
import smbkit.rpc.srvsvc.Srvsvc;

/**
 * What a NULL session can do on a server right now, step by step: anonymous session set-up, the IPC$ tree
 * connect, a bind to \PIPE\srvsvc, a share listing. Run before and after a change to show its effect on
 * new NULL sessions (existing ones keep what they had).
 */
public final class AnonymousProbe {

    private AnonymousProbe() {}

    public record Step(String name, Boolean ok, String detail) {}

    public record Result(List<Step> steps) {

        /** True when a NULL session cannot even reach IPC$: the KB's restriction at its strictest. */
        public boolean refused() {
            return steps.stream().limit(2).anyMatch(s -> Boolean.FALSE.equals(s.ok()));
        }

        /** True when a NULL session may list shares (RestrictAnonymous 0). */
        public boolean mayEnumerate() {
            return steps.stream().allMatch(s -> Boolean.TRUE.equals(s.ok()));
        }

        public String summary() {
            if (refused()) {
                return "new NULL sessions are refused";
            }
            return mayEnumerate() ? "new NULL sessions connect and may list shares"
                    : "new NULL sessions connect but may not list shares";
        }
    }

    static final String SESSION = "anonymous session set-up";
    static final String IPC = "IPC$ tree connect";
    static final String BIND = "bind to \\PIPE\\srvsvc";
    static final String LIST = "share listing (NetrShareEnumAll)";

    public static Result run(Target target, SmbConnection.Options options) {
        List<Step> steps = new ArrayList<>();
        try (SmbConnection c = SmbConnection.open(target, Credentials.anonymous(), options)) {
            RpcPipe pipe;
            try {
                pipe = c.pipe(Srvsvc.PIPE, Srvsvc.SYNTAX);
                pipe.bind();
                steps.add(new Step(SESSION, true, "accepted"));
                steps.add(new Step(IPC, true, "accepted"));
                steps.add(new Step(BIND, true, "accepted"));
            } catch (SmbkitException e) {
                if (!isRefusal(e)) {
                    throw e;
                }
                String phase = phaseOf(e);
                List<String> order = List.of(SESSION, IPC, BIND);
                for (String step : order) {
                    int cmp = Integer.compare(order.indexOf(step), order.indexOf(phase));
                    steps.add(cmp < 0 ? new Step(step, true, "accepted")
                            : cmp == 0 ? new Step(step, false, "refused: " + e.getMessage())
                            : new Step(step, null, "not tried"));
                }
                steps.add(new Step(LIST, null, "not tried"));
                return new Result(steps);
            }
            EnumCall call = pipe.call(new EnumCall(EnumCall.Kind.SHARES, Srvsvc.serverName(target.host()), new String[0], 1,
                    Srvsvc.MAX_PREFERRED_LENGTH, 0));
            steps.add(call.status() == 0 ? new Step(LIST, true, call.entries().size() + " shares listed")
                    : new Step(LIST, false, "refused (" + smbkit.rpc.WinError.name(call.status()) + ")"));
        }
        return new Result(steps);
    }

    private static boolean isRefusal(SmbkitException e) {
        return e.failure() == Failure.NULL_SESSION_REFUSED || e.failure() == Failure.ACCESS_DENIED
                || e.failure() == Failure.LOGON_FAILED || e.failure() == Failure.NOT_AVAILABLE;
    }

    /** Which step refused, from where in jcifs-ng the refusal came. */
    static String phaseOf(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            for (StackTraceElement f : t.getStackTrace()) {
                if (f.getClassName().endsWith("SmbSessionImpl") && f.getMethodName().startsWith("sessionSetup")) {
                    return SESSION;
                }
                if (f.getClassName().endsWith("SmbTreeImpl") && f.getMethodName().startsWith("treeConnect")) {
                    return IPC;
                }
            }
        }
        return BIND;
    }
}
