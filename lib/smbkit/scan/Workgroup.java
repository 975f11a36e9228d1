package smbkit.scan;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InterfaceAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

import smbkit.Failure;
import smbkit.SmbkitException;
import smbkit.access.BrowseList;
import smbkit.model.Computer;
import smbkit.netbios.NameService;
import smbkit.netbios.NetbiosName;
import smbkit.netbios.NodeStatus;
import smbkit.rpc.Credentials;
import smbkit.rpc.SmbConnection;
import smbkit.rpc.Target;
import smbkit.rpc.rap.Rap;
import smbkit.rpc.rap.ServerTypes;

/**
 * A workgroup as the KB sees it: its master browser found by a NetBIOS name query for {@code WORKGROUP<1D>}
 * (to {@code --master} or {@code --wins}, else broadcast), its browse list read with RAP NetServerEnum2, each
 * computer's address (a name query for {@code NAME<20>}), its names and MAC (node status), and for those that
 * announce a print queue, their printer shares (RAP NetShareEnum); or, where there is no browser, a node status
 * sweep of an address range.
 */
public final class Workgroup {

    private Workgroup() {}

    /** The most addresses one sweep queries (a /20). */
    public static final int MAX_SWEEP = 4096;

    /**
     * How to reach the workgroup: the master browser or WINS server to ask (null: broadcast), the name service's
     * timeout and port (137 but in tests), how many queries may be outstanding, whether to read printer shares,
     * the credentials and connection options for the SMB1 calls, and where notes go.
     */
    public record Options(String master, String wins, Duration timeout, int nameServicePort, int parallel, boolean shares,
            Credentials credentials, SmbConnection.Options connection, Consumer<String> notes) {

        void note(String line) {
            if (notes != null) {
                notes.accept("note: " + line);
            }
        }
    }

    /** What a listing found: the workgroup, its master browser's address (null from a sweep), the computers, and the addresses that did not answer. */
    public record Result(String workgroup, String master, List<Computer> computers, int asked, List<String> unanswered,
            Map<String, String> malformed, boolean partial) {}

    /** The browse list of {@code workgroup}. */
    public static Result browse(String workgroup, Options o) {
        String wg = workgroup.toUpperCase(Locale.ROOT);
        NameService ns = new NameService(o.nameServicePort(), o.timeout(), 1);
        InetAddress master = findMaster(wg, ns, o);
        Rap.Reply<Rap.ServerEntry> reply;
        try (BrowseList browser = BrowseList.open(new Target(master.getHostAddress(), Target.SMB_PORT), o.credentials(), o.connection())) {
            reply = browser.servers(wg, Rap.SV_TYPE_ALL);
        }
        if (!reply.ok()) {
            throw new SmbkitException(Failure.NOT_AVAILABLE, "the master browser " + master.getHostAddress()
                    + " refused NetServerEnum2 for " + wg + " with RAP status " + reply.status() + " (" + rapStatus(reply.status()) + ")",
                    "Run again in a minute (a new master fills its list within 12 minutes), or use --sweep RANGE");
        }
        if (reply.partial()) {
            o.note("the master browser returned " + reply.entries().size() + " of " + reply.available() + " computers (its reply is full)");
        }
        // Addresses: ask the WINS server (or the master, which may be one) for NAME<20>, then broadcast, then DNS.
        InetAddress resolver = o.wins() != null ? address(o.wins()) : master;
        Map<String, InetAddress> addresses = new LinkedHashMap<>();
        for (Rap.ServerEntry e : reply.entries()) {
            InetAddress a = resolve(e.name(), ns, resolver, master, o);
            if (a != null) {
                addresses.put(e.name(), a);
            }
        }
        NameService.Sweep status = ns.nodeStatus(List.copyOf(new LinkedHashSet<>(addresses.values())), o.parallel(), null);
        List<Computer> out = new ArrayList<>();
        for (Rap.ServerEntry e : reply.entries()) {
            InetAddress a = addresses.get(e.name());
            NodeStatus s = a == null ? null : status.answers().get(a.getHostAddress());
            boolean announces = ServerTypes.has(e.type(), ServerTypes.PRINTQ_SERVER);
            List<String> printers = announces && a != null && o.shares() ? printerShares(a, o) : null;
            out.add(new Computer(e.name(), a == null ? null : a.getHostAddress(),
                    s != null ? s.workgroup().orElse(wg) : wg, e.type(), ServerTypes.names(e.type()), announces,
                    printers != null ? !printers.isEmpty() : announces, printers, e.osVersion(), e.comment(),
                    s == null ? List.of() : s.names().stream().map(NetbiosName::display).toList(), s == null ? null : s.mac(),
                    ServerTypes.has(e.type(), ServerTypes.MASTER_BROWSER) || (s != null && s.masterBrowser()), "browse_list"));
        }
        out.sort((x, y) -> x.name().compareToIgnoreCase(y.name()));
        return new Result(wg, master.getHostAddress(), List.copyOf(out), addresses.size(), List.copyOf(status.unanswered()),
                status.malformed(), reply.partial());
    }

    /**
     * Node status of every address of a range ({@code nbtstat -A} each), at most {@code o.parallel()} at a time;
     * {@code workgroup} (may be null) keeps only computers of that workgroup. No answer from any is
     * {@link Failure#NETBIOS_SILENT}.
     */
    public static Result sweep(List<String> range, String workgroup, Options o, IntConsumer progress) {
        if (range.size() > MAX_SWEEP) {
            throw new SmbkitException(Failure.USAGE, "a sweep of " + range.size() + " addresses is larger than the " + MAX_SWEEP
                    + " smbkit sweeps at once", "Give a range of at most " + MAX_SWEEP + " addresses (a /20), or several runs");
        }
        List<InetAddress> addresses = new ArrayList<>();
        for (String r : range) {
            addresses.add(address(r));
        }
        NameService ns = new NameService(o.nameServicePort(), o.timeout(), 1);
        NameService.Sweep s = ns.nodeStatus(addresses, o.parallel(), progress);
        if (s.answers().isEmpty() && s.malformed().isEmpty()) {
            throw new SmbkitException(Failure.NETBIOS_SILENT, "none of the " + addresses.size()
                    + " addresses answered a NetBIOS node status query (UDP " + o.nameServicePort() + ")",
                    "UDP 137 may be blocked by a firewall, or NetBIOS over TCP/IP disabled on these computers; check the range");
        }
        String wg = workgroup == null ? null : workgroup.toUpperCase(Locale.ROOT);
        List<Computer> out = new ArrayList<>();
        for (NodeStatus n : s.answers().values()) {
            String its = n.workgroup().orElse(null);
            if (wg != null && !wg.equalsIgnoreCase(its)) {
                continue;
            }
            List<String> printers = o.shares() && n.names().stream().anyMatch(x -> !x.group() && x.suffix() == 0x20)
                    ? printerShares(address(n.address()), o) : null;
            out.add(new Computer(n.computerName().orElse(null), n.address(), its, null, null, false,
                    printers != null && !printers.isEmpty(), printers, null, null,
                    n.names().stream().map(NetbiosName::display).toList(), n.mac(), n.masterBrowser(), "sweep"));
        }
        return new Result(wg, null, List.copyOf(out), addresses.size(), List.copyOf(s.unanswered()), s.malformed(), false);
    }

    /** The master browser of {@code wg}: WINS or the master given is asked, else a broadcast on every IPv4 interface. */
    static InetAddress findMaster(String wg, NameService ns, Options o) {
        String asked = o.master() != null ? o.master() : o.wins();
        if (asked != null) {
            InetAddress server = address(asked);
            // the master answers for its own <1D>; a WINS server is asked with recursion (it may know <1D> or <1B>)
            NameService.QueryResult r = ns.query(server, wg, 0x1D, false, o.master() == null);
            if (r.answered() && !r.found() && o.master() == null) {
                r = ns.query(server, wg, 0x1B, false, true);
            }
            if (!r.answered()) {
                throw new SmbkitException(Failure.NETBIOS_SILENT, asked + " did not answer a NetBIOS name query for " + wg
                        + "<1D> (UDP " + o.nameServicePort() + ")", "UDP 137 may be blocked, or NetBIOS disabled there; check the"
                        + " address, or use --sweep RANGE");
            }
            if (!r.found()) {
                if (o.master() != null) {
                    throw new SmbkitException(Failure.NO_MASTER_BROWSER, asked + " is not the master browser of " + wg
                            + " (it answers that it has no name " + wg + "<1D>)",
                            "Give the master browser's address with --master, or use --sweep RANGE");
                }
                throw new SmbkitException(Failure.NO_MASTER_BROWSER, "the WINS server " + asked + " knows no master browser for "
                        + wg + " (no name " + wg + "<1D>)", "Give the master browser with --master, or use --sweep RANGE");
            }
            return o.master() != null && r.addresses().contains(server) ? server : r.addresses().get(0);
        }
        for (InetAddress b : broadcasts()) {
            NameService.QueryResult r = ns.query(b, wg, 0x1D, true, true);
            if (r.found()) {
                return r.addresses().get(0);
            }
        }
        throw new SmbkitException(Failure.NO_MASTER_BROWSER, "no master browser for " + wg + " answered a broadcast name query for "
                + wg + "<1D>", "Check the workgroup's name; give its master with --master HOST or a WINS server with --wins HOST"
                        + " (broadcasts do not cross routers), or use --sweep RANGE");
    }

    /**
     * NAME<20>'s address: from the resolver (WINS or master, with recursion), else from the master for its own
     * names, else a broadcast, else DNS; null when none knows it.
     */
    private static InetAddress resolve(String name, NameService ns, InetAddress resolver, InetAddress master, Options o) {
        if (name.isEmpty() || name.length() > 15) {
            return null;
        }
        NameService.QueryResult r = ns.query(resolver, name, 0x20, false, true);
        if (r.found()) {
            return r.addresses().get(0);
        }
        // the master answers for its own names even when its WINS (if it is one) has not registered them yet
        r = ns.query(master, name, 0x20, false, false);
        if (r.found()) {
            return r.addresses().get(0);
        }
        if (o.master() == null && o.wins() == null) {
            for (InetAddress b : broadcasts()) {
                r = ns.query(b, name, 0x20, true, true);
                if (r.found()) {
                    return r.addresses().get(0);
                }
            }
        }
        try {
            return InetAddress.getByName(name);
        } catch (UnknownHostException | SecurityException e) {
            o.note(name + ": no address (neither " + resolver.getHostAddress() + " nor DNS knows " + name + "<20>)");
            return null;
        }
    }

    /** The printer shares of a computer (RAP NetShareEnum), or null when they cannot be read (said in a note). */
    static List<String> printerShares(InetAddress a, Options o) {
        try (BrowseList b = BrowseList.open(new Target(a.getHostAddress(), Target.SMB_PORT), o.credentials(), o.connection())) {
            Rap.Reply<Rap.ShareEntry> r = b.shares();
            if (!r.ok()) {
                o.note(a.getHostAddress() + ": NetShareEnum refused (RAP status " + r.status() + "): its printer shares are not known");
                return null;
            }
            return r.entries().stream().filter(Rap.ShareEntry::printQueue).map(Rap.ShareEntry::name).sorted().toList();
        } catch (SmbkitException e) {
            o.note(a.getHostAddress() + ": its shares could not be read (" + e.getMessage() + ")");
            return null;
        }
    }

    static InetAddress address(String host) {
        try {
            return InetAddress.getByName(Target.parse(host).host());
        } catch (UnknownHostException e) {
            throw new SmbkitException(Failure.UNKNOWN_HOST, "unknown host " + Target.shown(host),
                    "Check the name, or give an address", e);
        }
    }

    /** Every IPv4 interface's broadcast address (loopback has none). */
    static List<InetAddress> broadcasts() {
        Set<InetAddress> out = new LinkedHashSet<>();
        try {
            for (NetworkInterface i : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!i.isUp()) {
                    continue;
                }
                for (InterfaceAddress a : i.getInterfaceAddresses()) {
                    if (a.getAddress() instanceof Inet4Address && a.getBroadcast() != null) {
                        out.add(a.getBroadcast());
                    }
                }
            }
        } catch (SocketException e) {
            // no interfaces to broadcast on
        }
        return List.copyOf(out);
    }

    static String rapStatus(int status) {
        return switch (status) {
            case 5 -> "access denied";
            case 50 -> "not supported";
            case 2114 -> "the server service is not started";
            case 2127 -> "remote API error";
            case 6118 -> "no browser servers found";
            default -> "a Windows or LAN Manager error";
        };
    }
}
