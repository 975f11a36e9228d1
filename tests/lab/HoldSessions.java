///usr/bin/env jbang "$0" "$@" ; exit $?
//SOURCES ../../lib/smbkit/SmbKit.java
//SOURCES ../src/test/java/smbkit/lab/SessionHolder.java
//DESCRIPTION Lab helper: opens SMB sessions from chosen 127.0.0.x addresses and holds them open.

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import smbkit.lab.SessionHolder;

/**
 * Holds the KB's sessions for the lab's scenario until killed (or --seconds N):
 * <pre>
 * LAB_PASSWORD=... HoldSessions 127.0.0.1 --null 127.0.0.3 --null 127.0.0.3 --user 127.0.0.2:labadmin:files:2
 * </pre>
 * With {@code --smb1} (before the sessions) every session speaks SMB1 (NT LM 0.12), as NT 4.0, 2000 and XP do.
 * Prints "ready" once every session is open. A session the server closes (close-sessions, a test) is opened
 * again within a few seconds, as a print spooler reconnects. The password comes from LAB_PASSWORD so that it
 * stays out of the process list.
 */
public class HoldSessions {

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: HoldSessions SERVER [--smb1] [--null ADDR]... [--user ADDR:USER:SHARE:FILES]... [--seconds N]");
            System.exit(2);
        }
        String server = args[0];
        List<Callable<SessionHolder>> specs = new ArrayList<>();
        long seconds = -1;
        boolean smb1 = false;
        for (int i = 1; i < args.length; i++) {
            boolean overSmb1 = smb1;
            switch (args[i]) {
                case "--smb1" -> smb1 = true;
                case "--null" -> {
                    String address = args[++i];
                    specs.add(() -> SessionHolder.nullSession(server, address, "spoolss", overSmb1));
                }
                case "--user" -> {
                    String[] u = args[++i].split(":", 4);
                    specs.add(() -> SessionHolder.userSession(server, u[0], u[1], System.getenv("LAB_PASSWORD"), u[2],
                            Integer.parseInt(u[3]), overSmb1));
                }
                case "--seconds" -> seconds = Long.parseLong(args[++i]);
                default -> {
                    System.err.println("unknown argument " + args[i]);
                    System.exit(2);
                }
            }
        }
        List<SessionHolder> held = new ArrayList<>();
        for (Callable<SessionHolder> spec : specs) {
            held.add(spec.call());
        }
        System.out.println("ready: " + held.size() + " sessions held");
        System.out.flush();
        long end = seconds < 0 ? Long.MAX_VALUE : System.currentTimeMillis() + seconds * 1000;
        while (System.currentTimeMillis() < end) {
            Thread.sleep(2000);
            for (int i = 0; i < held.size(); i++) {
                if (!held.get(i).isAlive()) {
                    held.get(i).close();
                    try {
                        held.set(i, specs.get(i).call());
                        System.out.println("reopened session " + (i + 1));
                    } catch (Exception e) {
                        System.out.println("cannot reopen session " + (i + 1) + " yet: " + e.getMessage());
                    }
                    System.out.flush();
                }
            }
        }
        for (SessionHolder h : held) {
            h.close();
        }
    }
}
