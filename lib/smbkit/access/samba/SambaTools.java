package smbkit.access.samba;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import smbkit.Failure;
import smbkit.SmbkitException;

/**
 * Samba's own tools (smbstatus, testparm, net, smbcontrol) run against one configuration file. They work on
 * the server itself even when smbd refuses new connections, which is when local mode matters.
 */
public final class SambaTools {

    static final long TIMEOUT_S = 30;

    private final Path conf;

    public SambaTools(Path conf) {
        this.conf = conf;
    }

    public Path conf() {
        return conf;
    }

    /** What a tool printed, with its exit code. */
    public record Output(int exit, String out, String err) {

        /** The first line of stderr, what Samba's tools say went wrong. */
        public String firstError() {
            return err.lines().filter(l -> !l.isBlank()).findFirst().orElse("exit " + exit);
        }
    }

    /** Runs {@code tool -s CONF args...}; a missing tool is LOCAL_UNAVAILABLE. */
    public Output run(String tool, String... args) {
        List<String> cmd = new ArrayList<>(List.of(tool, "-s", conf.toString()));
        cmd.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
            CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(p.getInputStream()));
            CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
            if (!p.waitFor(TIMEOUT_S, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new SmbkitException(Failure.TIMEOUT, tool + " did not finish within " + TIMEOUT_S + " s", null);
            }
            return new Output(p.exitValue(), out.join(), err.join());
        } catch (IOException e) {
            throw new SmbkitException(Failure.LOCAL_UNAVAILABLE, "cannot run Samba's " + tool + ": " + e.getMessage(),
                    "Install Samba's tools (Debian: samba, samba-common-bin), or give a HOST to query a server over the network", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SmbkitException(Failure.INTERNAL, tool + " was interrupted", null, e);
        }
    }

    /** Runs a tool and fails with its first error line unless it succeeded. */
    public String ok(String tool, String... args) {
        Output o = run(tool, args);
        if (o.exit() != 0) {
            throw new SmbkitException(Failure.INTERNAL, tool + " " + String.join(" ", args) + ": " + o.firstError(),
                    "Run it by hand on this machine to see more");
        }
        return o.out();
    }

    /** One smb.conf parameter as Samba reads it (registry configuration included). */
    public String parameter(String name) {
        return ok("testparm", "--suppress-prompt", "--parameter-name", name).strip();
    }

    public static boolean installed(String tool) {
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin:/usr/sbin:/sbin");
        for (String dir : (path + ":/usr/sbin:/sbin").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    private static String read(java.io.InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
