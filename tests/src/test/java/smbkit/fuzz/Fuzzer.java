package smbkit.fuzz;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Supplier;

import jcifs.dcerpc.ndr.NdrBuffer;
import jcifs.dcerpc.ndr.NdrException;
import smbkit.Failure;
import smbkit.SmbkitException;
import smbkit.Vectors;
import smbkit.rpc.RpcCall;
import smbkit.rpc.RpcTransport;
import smbkit.rpc.dtyp.SecurityDescriptorText;
import smbkit.rpc.ndr.MalformedReplyException;
import smbkit.rpc.ndr.NdrStruct;
import smbkit.rpc.ndr.WinregReplies;
import smbkit.rpc.srvsvc.EnumCall;
import smbkit.rpc.srvsvc.InfoLevels;
import smbkit.rpc.srvsvc.ServerGetInfoCall;
import smbkit.rpc.srvsvc.ShareGetInfoCall;
import smbkit.rpc.srvsvc.SrvsvcModels;

/**
 * Mutated replies from the vectors through each decoder and every consumer. Each input is decoded on its
 * own (only MalformedReplyException may escape), then served by a scripted server (directly, or through
 * jcifs-ng's fragment reassembly) to the snapshot, diagnosis, views, JSON and the two methods, where only
 * a SmbkitException that is not exit 70 may escape. Short run in the suite ({@link FuzzTest}); long run:
 *
 * <pre>mvn -f tests/pom.xml test -Dsmbkit.lab=skip -Dtest=FuzzTest -Dsmbkit.fuzz.inputs=1000000</pre>
 */
public final class Fuzzer {

    /** One decoder: its seeds, each the reply stub of one slot, and the call that decodes the slot. */
    record Seed(String slot, byte[] stub) {}

    record Decoder(String name, List<Seed> seeds) {}

    /** Something other than a clean refusal: what, where, and the input that did it. */
    record Finding(String decoder, String slot, String strategy, String what, String input) {}

    final Map<String, Long> inputs = new TreeMap<>();
    final Map<String, Long> accepted = new TreeMap<>();
    final List<Finding> findings = new ArrayList<>();
    /** An input that takes this long (past warm-up) is a finding: a server could stall smbkit with it. */
    static final long SLOW_NANOS = 3_000_000_000L;
    long slowestNanos;
    private int consumersOfRejectedEvery = 1;
    private int consumersOfAcceptedEvery = 1;
    long consumerRuns;
    String slowest = "";

    private final Random random;
    private final Mutator mutator;
    private final Book base = Book.windows();

    Fuzzer(long seed) {
        this.random = new Random(seed);
        this.mutator = new Mutator(random);
    }

    static Seed seed(String slot, String vector) {
        return new Seed(slot, Vectors.bytes(vector));
    }

    static byte[] shareInfo502(byte[] sd) {
        NdrStruct s = new NdrStruct(InfoLevels.SHARE.get(502)).set("netname", "HP LaserJet").set("type", 1)
                .set("remark", "HP LaserJet 4050").set("permissions", 0).set("max_uses", -1).set("current_uses", 0)
                .set("path", "HP LaserJet 4050,LocalsplOnly").set("passwd", null).set("reserved", sd.length)
                .set("security_descriptor", sd);
        NdrBuffer buf = new NdrBuffer(new byte[64 * 1024], 0);
        buf.enc_ndr_long(502);
        buf.enc_ndr_referent(s, 1);
        s.encode(buf);
        buf = buf.deferred;
        buf.align(4);
        buf.enc_ndr_long(0);
        return java.util.Arrays.copyOf(buf.buf, buf.getLength());
    }

    static byte[] printerSd() {
        try {
            ShareGetInfoCall call = new ShareGetInfoCall("\\\\LABSRV", "HP LaserJet", 502);
            call.decodeStub(Vectors.bytes("impacket/srvsvc-NetrShareGetInfo-out-level502-printer-sd.hex"));
            return call.info().blob("security_descriptor");
        } catch (NdrException e) {
            throw new AssertionError(e);
        }
    }

    static List<Decoder> decoders() {
        byte[] yes = "yes\0".getBytes(java.nio.charset.StandardCharsets.UTF_16LE);
        return List.of(
                new Decoder("NetrSessionEnum", List.of(
                        seed("NetrSessionEnum/502", "impacket/srvsvc-NetrSessionEnum-out-level502-nullsessions.hex"),
                        seed("NetrSessionEnum/2", "impacket/srvsvc-NetrSessionEnum-out-level2-nullsessions.hex"),
                        seed("NetrSessionEnum/10", "impacket/srvsvc-NetrSessionEnum-out-level10-3sessions.hex"),
                        seed("NetrSessionEnum/10", "impacket/srvsvc-NetrSessionEnum-out-level10-moredata.hex"),
                        seed("NetrSessionEnum/1", "impacket/srvsvc-NetrSessionEnum-out-level1-nullsessions.hex"),
                        seed("NetrSessionEnum/0", "impacket/srvsvc-NetrSessionEnum-out-level0-nullsessions.hex"),
                        seed("NetrSessionEnum/502", "impacket/srvsvc-NetrSessionEnum-out-level502-accessdenied.hex"))),
                new Decoder("NetrFileEnum", List.of(
                        seed("NetrFileEnum/3", "impacket/srvsvc-NetrFileEnum-out-level3-openfiles.hex"),
                        seed("NetrFileEnum/3", "impacket/srvsvc-NetrFileEnum-out-level3-moredata.hex"),
                        seed("NetrFileEnum/2", "impacket/srvsvc-NetrFileEnum-out-level2-openfiles.hex"))),
                new Decoder("NetrConnectionEnum", List.of(
                        seed("NetrConnectionEnum/1", "impacket/srvsvc-NetrConnectionEnum-out-level1-ipc.hex"),
                        seed("NetrConnectionEnum/0", "impacket/srvsvc-NetrConnectionEnum-out-level0-ipc.hex"))),
                new Decoder("NetrShareEnumAll", List.of(
                        seed("NetrShareEnumAll/502", "impacket/srvsvc-NetrShareEnumAll-out-level502-printer-sd.hex"),
                        seed("NetrShareEnumAll/2", "impacket/srvsvc-NetrShareEnumAll-out-level2-printer.hex"),
                        seed("NetrShareEnumAll/1", "srvsvc-NetrShareEnumAll-out-level1-samba.hex"),
                        seed("NetrShareEnumAll/1", "srvsvc-NetrShareEnumAll-out-level1-smbj.hex"),
                        seed("NetrShareEnumAll/1", "srvsvc-NetrShareEnumAll-out-level1-winxp.hex"))),
                new Decoder("NetrServerGetInfo", List.of(
                        seed("NetrServerGetInfo/102", "impacket/srvsvc-NetrServerGetInfo-out-level102-labsrv.hex"),
                        seed("NetrServerGetInfo/101", "impacket/srvsvc-NetrServerGetInfo-out-level101-labsrv.hex"),
                        seed("NetrServerGetInfo/101", "srvsvc-NetrServerGetInfo-out-level101-winxp-a.hex"),
                        seed("NetrServerGetInfo/101", "srvsvc-NetrServerGetInfo-out-level101-winxp-b.hex"))),
                new Decoder("NetrShareGetInfo", List.of(
                        seed("NetrShareGetInfo/502", "impacket/srvsvc-NetrShareGetInfo-out-level502-printer-sd.hex"),
                        seed("NetrShareGetInfo/1", "srvsvc-NetrShareGetInfo-out-level1-samba.hex"),
                        seed("NetrShareGetInfo/1", "srvsvc-NetrShareGetInfo-out-level1-w2k8.hex"))),
                new Decoder("SecurityDescriptor", List.of(new Seed("SD", printerSd()))),
                new Decoder("OpenLocalMachine", List.of(
                        seed("OpenLocalMachine", "winreg-OpenLocalMachine-out-winxp.hex"),
                        seed("OpenLocalMachine", "winreg-OpenLocalMachine-out-smbj.hex"),
                        seed("OpenLocalMachine", "winreg-OpenLocalMachine-out-samba-torture.hex"))),
                new Decoder("BaseRegOpenKey", List.of(
                        seed("BaseRegOpenKey", "winreg-BaseRegOpenKey-out-winxp.hex"),
                        seed("BaseRegOpenKey", "winreg-BaseRegOpenKey-out-smbj.hex"),
                        seed("BaseRegOpenKey", "winreg-BaseRegOpenKey-out-samba-torture.hex"))),
                new Decoder("BaseRegCloseKey", List.of(
                        seed("BaseRegCloseKey", "winreg-BaseRegCloseKey-out-winxp.hex"),
                        seed("BaseRegCloseKey", "winreg-BaseRegCloseKey-out-smbj.hex"))),
                new Decoder("BaseRegQueryValue", List.of(
                        seed("BaseRegQueryValue", "impacket/winreg-BaseRegQueryValue-out-dword1.hex"),
                        seed("BaseRegQueryValue", "impacket/winreg-BaseRegQueryValue-out-filenotfound.hex"),
                        seed("BaseRegQueryValue", "winreg-BaseRegQueryValue-out-winxp-a.hex"),
                        seed("BaseRegQueryValue", "winreg-BaseRegQueryValue-out-winxp-b.hex"),
                        seed("BaseRegQueryValue", "winreg-BaseRegQueryValue-out-smbj.hex"),
                        seed("BaseRegQueryValue", "winreg-BaseRegQueryValue-out-samba-torture.hex"))),
                new Decoder("BaseRegEnumKey", List.of(new Seed("BaseRegEnumKey/0", WinregReplies.enumKey("laser", 0)))),
                new Decoder("BaseRegEnumValue", List.of(
                        new Seed("BaseRegEnumValue/0", WinregReplies.enumValue("printable", 1, yes, 8, 0)),
                        new Seed("BaseRegEnumValue/0", WinregReplies.enumValue("max smbd processes", 4, new byte[] {10, 0, 0, 0}, 4, 0)))));
    }

    /** The call that decodes a slot's reply on its own. */
    static Supplier<RpcCall> call(String slot) {
        String name = slot.contains("/") ? slot.substring(0, slot.indexOf('/')) : slot;
        int level = slot.contains("/") ? Integer.parseInt(slot.substring(slot.indexOf('/') + 1)) : 0;
        return switch (name) {
            case "NetrSessionEnum" -> () -> new EnumCall(EnumCall.Kind.SESSIONS, "\\\\LABSRV", new String[2], level, -1, 0);
            case "NetrFileEnum" -> () -> new EnumCall(EnumCall.Kind.FILES, "\\\\LABSRV", new String[2], level, -1, 0);
            case "NetrConnectionEnum" -> () -> new EnumCall(EnumCall.Kind.CONNECTIONS, "\\\\LABSRV", new String[] {"IPC$"}, level, -1, 0);
            case "NetrShareEnumAll" -> () -> new EnumCall(EnumCall.Kind.SHARES, "\\\\LABSRV", new String[0], level, -1, 0);
            case "NetrServerGetInfo" -> () -> new ServerGetInfoCall("\\\\LABSRV", level);
            case "NetrShareGetInfo" -> () -> new ShareGetInfoCall("\\\\LABSRV", "HP LaserJet", level);
            default -> () -> smbkit.fuzz.WinregCalls.of(name, level);
        };
    }

    /** Runs {@code perDecoder} inputs through each decoder; {@code fragmentedEvery}: 1 in N through jcifs's reassembly. */
    void run(long perDecoder, int fragmentedEvery, int tablesEvery) {
        run(perDecoder, fragmentedEvery, tablesEvery, 1);
    }

    /** @param consumersOfRejectedEvery inputs the decoder refuses reach the consumers 1 in N (all accepted ones do) */
    void run(long perDecoder, int fragmentedEvery, int tablesEvery, int consumersOfRejectedEvery) {
        run(perDecoder, fragmentedEvery, tablesEvery, 1, consumersOfRejectedEvery);
    }

    /**
     * @param consumersOfAcceptedEvery inputs the decoder accepts reach the consumers 1 in N
     * @param consumersOfRejectedEvery inputs the decoder refuses reach the consumers 1 in N
     */
    void run(long perDecoder, int fragmentedEvery, int tablesEvery, int consumersOfAcceptedEvery, int consumersOfRejectedEvery) {
        this.consumersOfAcceptedEvery = consumersOfAcceptedEvery;
        this.consumersOfRejectedEvery = consumersOfRejectedEvery;
        for (Decoder d : decoders()) {
            List<byte[]> stubs = d.seeds().stream().map(Seed::stub).toList();
            long n = 0;
            // every truncation of every seed first when the budget allows, then random mutations
            long lengths = d.seeds().stream().mapToLong(x -> x.stub().length).sum();
            for (Seed s : lengths * 10 <= perDecoder ? d.seeds() : List.<Seed>of()) {
                for (int cut = 0; cut < s.stub().length && n < perDecoder; cut++, n++) {
                    one(d, s, "truncate-all", java.util.Arrays.copyOf(s.stub(), cut), n, fragmentedEvery, tablesEvery);
                }
            }
            for (; n < perDecoder; n++) {
                Seed s = d.seeds().get(random.nextInt(d.seeds().size()));
                int strategy = random.nextInt(Mutator.STRATEGIES.length);
                one(d, s, Mutator.STRATEGIES[strategy], mutator.mutate(strategy, s.stub(), stubs), n, fragmentedEvery, tablesEvery);
            }
        }
    }

    private void one(Decoder d, Seed s, String strategy, byte[] input, long n, int fragmentedEvery, int tablesEvery) {
        inputs.merge(d.name(), 1L, Long::sum);
        long t0 = System.nanoTime();
        try {
            boolean ok = decodeAlone(s.slot(), input);
            if (ok) {
                accepted.merge(d.name(), 1L, Long::sum);
            }
            Book book = base.copy();
            String name = s.slot().contains("/") ? s.slot().substring(0, s.slot().indexOf('/')) : s.slot();
            if (s.slot().equals("SD")) {
                book.put("NetrShareGetInfo/502", shareInfo502(input));
            } else {
                book.replies.keySet().removeIf(k -> k.startsWith(name + "/") && name.startsWith("Netr"));
                book.put(s.slot(), input);
            }
            if (ok ? n % consumersOfAcceptedEvery == 0 : n % consumersOfRejectedEvery == 0) {
                RpcTransport rpc = n % fragmentedEvery == 0 ? book.fragmented(random, 64) : book.direct();
                consumerRuns++;
                Consumers.run(new DecodedServer(rpc), n % tablesEvery == 0);
            }
        } catch (SmbkitException e) {
            if (e.failure() == Failure.INTERNAL) {
                found(d, s, strategy, e, input);
            }
        } catch (Throwable e) {
            found(d, s, strategy, e, input);
        }
        long took = System.nanoTime() - t0;
        if (took > SLOW_NANOS && inputs.get(d.name()) > 50) {
            found(d, s, strategy, new AssertionError("took " + took / 1_000_000 + " ms"), input);
        }
        if (took > slowestNanos) {
            slowestNanos = took;
            slowest = d.name() + " " + strategy + " " + input.length + " bytes";
        }
    }

    /** Decodes the input with the slot's call alone: true when accepted; only a malformed reply may escape. */
    private static boolean decodeAlone(String slot, byte[] input) throws Exception {
        if (slot.equals("SD")) {
            String text = SecurityDescriptorText.describe(input);
            String sddl = SecurityDescriptorText.sddl(input);
            if (text.length() > SecurityDescriptorText.MAX_CHARS + 200 || sddl != null && sddl.length() > SecurityDescriptorText.MAX_CHARS + 200) {
                throw new AssertionError("descriptor text of " + text.length() + " chars");
            }
            return !text.startsWith("unreadable");
        }
        try {
            RpcCall call = call(slot).get();
            call.decodeStub(input);
            if (call instanceof EnumCall e) {
                e.entries().forEach(x -> model(slot, x));
            }
            return true;
        } catch (MalformedReplyException | NdrException e) {
            return false;
        }
    }

    private static void model(String slot, NdrStruct s) {
        switch (slot.substring(0, slot.indexOf('/'))) {
            case "NetrSessionEnum" -> SrvsvcModels.session(s).kind();
            case "NetrFileEnum" -> SrvsvcModels.openFile(s).isPipe();
            case "NetrConnectionEnum" -> SrvsvcModels.connection("IPC$", s);
            default -> {
                var share = SrvsvcModels.share(s);
                share.kind();
                share.key();
            }
        }
    }

    private void found(Decoder d, Seed s, String strategy, Throwable e, byte[] input) {
        if (findings.size() < 50) {
            StackTraceElement at = e.getStackTrace().length > 0 ? e.getStackTrace()[0] : null;
            findings.add(new Finding(d.name(), s.slot(), strategy, e + (at == null ? "" : " at " + at),
                    HexFormat.of().formatHex(input)));
        } else if (findings.size() == 50) {
            findings.add(new Finding("...", "", "", "more findings left out", ""));
        }
    }

    String report(long nanos) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("fuzz: %.1f s, %,d consumer runs, slowest input %.1f ms (%s)%n", nanos / 1e9, consumerRuns,
                slowestNanos / 1e6, slowest));
        inputs.forEach((k, v) -> sb.append(String.format("  %-20s %,10d inputs, %,10d accepted by the decoder alone%n", k, v,
                accepted.getOrDefault(k, 0L))));
        findings.forEach(f -> sb.append("  FOUND ").append(f).append('\n'));
        return sb.toString();
    }

    static Map<String, Long> totals(Fuzzer f) {
        return new LinkedHashMap<>(f.inputs);
    }
}
