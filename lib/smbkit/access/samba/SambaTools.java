package smbkit.access.samba;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import smbkit.Failure;
import smbkit.SmbkitException;
import smbkit.io.ChildEnvironment;

/**
 * Samba's own tools (smbstatus, testparm, net, smbcontrol, smbd) run against one configuration file. They
 * work on the server itself even when smbd refuses new connections, which is when local mode matters. No
 * credentials are ever passed, nor inherited (SMBKIT_PASSWORD is kept from their environment): the tools read
 * Samba's databases directly, as root.
 */
public final class SambaTools {

    static final long TIMEOUT_S = 30;

    /** Where Samba's tools live when the caller's PATH lacks the sbin directories (smbd is in /usr/sbin). */
    private static final String SBIN = "/usr/local/sbin:/usr/sbin:/sbin:/usr/local/bin:/usr/bin:/bin";

    /** What Samba's tools print on stderr on every run: not the reason for a failure. */
    private static final List<String> NOISE = List.of("Load smb config files from", "Loaded services file OK",
            "Weak crypto is allowed", "Server role:");

    private final Path conf;

    public SambaTools(Path conf) {
        this.conf = conf;
    }

    public Path conf() {
        return conf;
    }

    /** What a tool printed, with its exit code. */
    public record Output(int exit, String out, String err) {

        /** The first line of stderr that says what went wrong (testparm's progress lines skipped). */
        public String firstError() {
            return err.lines().map(String::strip).filter(l -> !l.isEmpty())
                    .filter(l -> NOISE.stream().noneMatch(l::startsWith)).findFirst()
                    .orElse(out.isBlank() ? "exit " + exit : "exit " + exit + ", " + out.lines().findFirst().orElse("").strip());
        }

        /** How each tool says it needs root (a key with subkeys is refused with WERR_ACCESS_DENIED too: not this). */
        boolean deniedToNonRoot() {
            return err.contains("only works as root") || err.contains("not root?") || err.contains("Permission denied")
                    || err.contains("Failed to initialize the registry: WERR_ACCESS_DENIED");
        }
    }

    /**
     * Runs {@code tool -s CONF args...} (testparm takes the file as its argument). A missing tool is
     * LOCAL_UNAVAILABLE; a configuration the tool cannot load fails even when the tool exits 0, since
     * smbstatus and net then fall back silently to the default paths, another server's data.
     */
    public Output run(String tool, String... args) {
        Path exe = locate(tool).orElseThrow(() -> missingTool(tool, null));
        List<String> cmd = new ArrayList<>(List.of(exe.toString()));
        cmd.addAll(tool.equals("testparm") ? List.of("--suppress-prompt", conf.toString()) : List.of("-s", conf.toString()));
        cmd.addAll(List.of(args));
        Output o = execute(tool, cmd);
        if (o.deniedToNonRoot() && o.exit() != 0) {
            throw new SmbkitException(Failure.ACCESS_DENIED, "Samba's " + tool + " was refused: " + o.firstError(),
                    "Run smbkit as root on the Samba server (sudo): Samba's tools read its databases directly");
        }
        if (o.err().contains("Can't load " + conf)) {
            throw new SmbkitException(Failure.FILE_ERROR, "Samba cannot load " + conf,
                    "Run 'testparm " + conf + "' to see why, or give the right file with --samba-conf");
        }
        return o;
    }

    /** Runs a system tool that is not Samba's (no configuration argument), as the others are run. */
    public Output runPlain(String tool, String... args) {
        Path exe = locate(tool).orElseThrow(() -> new SmbkitException(Failure.LOCAL_UNAVAILABLE, "cannot run " + tool + ": not installed",
                "Install it (Debian/Ubuntu: apt install iproute2)"));
        List<String> cmd = new ArrayList<>(List.of(exe.toString()));
        cmd.addAll(List.of(args));
        return execute(tool, cmd);
    }

    /** Runs a tool and fails with its first error line unless it exited 0. */
    public String ok(String tool, String... args) {
        Output o = run(tool, args);
        if (o.exit() != 0) {
            throw failed(tool, List.of(args), o);
        }
        return o.out();
    }

    /** A tool that ran and failed: its own words, and the command to see more. */
    SmbkitException failed(String tool, List<String> args, Output o) {
        String command = tool + " " + String.join(" ", args);
        return new SmbkitException(Failure.LOCAL_UNAVAILABLE, command + ": " + o.firstError(),
                "Run '" + tool + " -s " + conf + " " + String.join(" ", args) + "' on this machine to see more");
    }

    /**
     * The [global] parameters as Samba reads them (registry configuration included, defaults filled in and
     * expanded), names in lower case: one testparm run for all of them, not one per parameter.
     */
    public Map<String, String> globals() {
        return TestparmParser.sections(ok("testparm", "-v")).getOrDefault("global", Map.of());
    }

    /** Samba's compiled-in configuration file ({@code smbd -b}: CONFIGFILE), if smbd is here and says. */
    public static Optional<Path> builtInConfig() {
        return locate("smbd").flatMap(smbd -> {
            Output o = execute("smbd", List.of(smbd.toString(), "-b"));
            return o.out().lines().map(String::strip).filter(l -> l.startsWith("CONFIGFILE:"))
                    .map(l -> l.substring("CONFIGFILE:".length()).strip()).filter(s -> !s.isEmpty()).findFirst().map(Path::of);
        });
    }

    public static boolean installed(String tool) {
        return locate(tool).isPresent();
    }

    /** The tool on PATH, else in the usual sbin and bin directories. */
    static Optional<Path> locate(String tool) {
        String path = System.getenv().getOrDefault("PATH", "") + File.pathSeparator + SBIN;
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
                return Optional.of(Path.of(dir, tool));
            }
        }
        return Optional.empty();
    }

    /** How every tool is started: no input, and none of smbkit's credentials in its environment. */
    static ProcessBuilder processBuilder(List<String> cmd) {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        ChildEnvironment.scrub(pb.environment());
        return pb;
    }

    private static Output execute(String tool, List<String> cmd) {
        try {
            Process p = processBuilder(cmd).start();
            CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(p.getInputStream()));
            CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
            if (!p.waitFor(TIMEOUT_S, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new SmbkitException(Failure.TIMEOUT, "Samba's " + tool + " did not finish within " + TIMEOUT_S + " s",
                        "Samba's databases may be locked by a hung process: check 'smbstatus' and the smbd log");
            }
            return new Output(p.exitValue(), out.join(), err.join());
        } catch (IOException e) {
            throw missingTool(tool, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SmbkitException(Failure.INTERNAL, "Samba's " + tool + " was interrupted", null, e);
        }
    }

    private static SmbkitException missingTool(String tool, IOException e) {
        String pkg = switch (tool.toLowerCase(Locale.ROOT)) {
            case "testparm", "net" -> "samba-common-bin";
            default -> "samba";
        };
        return new SmbkitException(Failure.LOCAL_UNAVAILABLE,
                "cannot run Samba's " + tool + (e == null ? ": not installed" : ": " + e.getMessage()),
                "Install it (Debian/Ubuntu: apt install " + pkg + "), or give a HOST to query a server over the network", e);
    }

    private static String read(InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
