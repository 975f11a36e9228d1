package smbkit.capture;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import smbkit.Failure;
import smbkit.SmbkitException;
import smbkit.capture.CaptureNote.Code;
import smbkit.capture.net.IpFragments;
import smbkit.capture.net.IpPacket;
import smbkit.capture.net.TcpStreams;
import smbkit.capture.pcap.Bytes;
import smbkit.capture.pcap.CaptureFile;
import smbkit.capture.pcap.Frame;
import smbkit.capture.pcap.LinkLayer;
import smbkit.capture.pcap.Malformed;
import smbkit.capture.smb.SmbConversation;
import smbkit.capture.smb.SmbSession;

/**
 * Reads capture files, one frame at a time, into a {@link CaptureReport}: link layer, IP, TCP reassembly on
 * the SMB ports, NetBIOS framing, SMB1/SMB2, NTLMSSP, DCE/RPC and spoolss. Several files are read as one
 * capture, in the order given (a ring buffer's parts, say). Damage inside a file ends that file with a note;
 * a file that is not a capture at all, or cannot be read, is a failure of its own.
 */
public final class CaptureAnalysis {

    private final String clientFilter;
    private final String serverFilter;
    private final CaptureReport report;
    private final Set<Integer> unsupportedLinks = new LinkedHashSet<>();
    private final TcpStreams streams;
    private final IpFragments fragments = new IpFragments();
    private final int maxConnections;
    /** Told the bytes read so far, across the files, now and then (a progress bar); never null. */
    private java.util.function.LongConsumer progress = n -> {};
    private long bytesBefore;

    public CaptureAnalysis(String clientFilter, String serverFilter) {
        this(clientFilter, serverFilter, Set.of());
    }

    /** {@code morePorts}: TCP ports SMB servers listen on besides 445 and 139. */
    public CaptureAnalysis(String clientFilter, String serverFilter, Set<Integer> morePorts) {
        this(clientFilter, serverFilter, morePorts, TcpStreams.MAX_CONNECTIONS);
    }

    /** {@code maxConnections}: connections followed at once; past it the longest idle is evicted. */
    public CaptureAnalysis(String clientFilter, String serverFilter, Set<Integer> morePorts, int maxConnections) {
        this(clientFilter, serverFilter, morePorts, maxConnections, SessionLog.IN_MEMORY);
    }

    /** {@code inMemory}: sessions kept in memory; the rest go to a spill file (0: all of them, as tests do). */
    public CaptureAnalysis(String clientFilter, String serverFilter, Set<Integer> morePorts, int maxConnections,
                           int inMemory) {
        this.report = new CaptureReport(inMemory);
        this.clientFilter = clientFilter;
        this.serverFilter = serverFilter;
        this.maxConnections = maxConnections;
        this.streams = new TcpStreams(new TcpStreams.Listener() {
            @Override
            public TcpStreams.Connection opened(String client, int clientPort, String server, int serverPort,
                                                long time, boolean sawSyn) {
                report.connections++;
                return new SmbConversation(client, clientPort, server, serverPort, time, sawSyn, s -> {
                    if (wanted(s)) {
                        try {
                            report.sessions.add(s);
                        } catch (java.io.UncheckedIOException e) {
                            throw new SmbkitException(Failure.FILE_ERROR, e.getMessage(),
                                    "Free disk space in smbkit's state directory (XDG_STATE_HOME) or the temporary directory", e);
                        }
                    }
                });
            }

            @Override
            public void closed(TcpStreams.Connection c, long time, String why) {
                SmbConversation s = (SmbConversation) c;
                s.ended(time, why);
                report.internalErrors += s.internalErrors();
                report.sessionsRetired += s.retired();
                streamNotes(s);
            }
        }, morePorts, maxConnections);
    }

    private boolean wanted(SmbSession s) {
        return (clientFilter == null || clientFilter.equals(s.client))
                && (serverFilter == null || serverFilter.equals(s.server));
    }

    private boolean wanted(SmbConversation c) {
        return (clientFilter == null || clientFilter.equals(c.client()))
                && (serverFilter == null || serverFilter.equals(c.server()));
    }

    private void streamNotes(SmbConversation c) {
        if (!wanted(c)) {
            return;
        }
        String stream = c.client() + ":" + c.clientPort() + " -> " + c.server() + ":" + c.serverPort();
        if (!c.sawSyn()) {
            report.note(CaptureNote.of(Code.NO_SYN, stream, 0));
        }
        if (c.gaps() > 0) {
            report.note(new CaptureNote(Code.GAPS, stream, c.gapBytes(), c.gaps(), null));
        }
        if (c.garbageBytes() > 0) {
            report.note(CaptureNote.of(Code.NOT_SMB, stream, c.garbageBytes()));
        }
        if (c.undecodable() > 0) {
            report.note(new CaptureNote(Code.UNDECODABLE, stream, c.undecodable(), 0, c.lastError()));
        }
    }

    /** Reads one file into the report; throws only for a file that cannot be opened or is not a capture. */
    public void read(Path file) {
        CaptureReport.FileSummary summary = new CaptureReport.FileSummary(file.toString());
        CaptureFile cf;
        try {
            cf = CaptureFile.open(file);
        } catch (NoSuchFileException e) {
            throw new SmbkitException(Failure.FILE_ERROR, "cannot read " + file + ": no such file",
                    "Check the path of the capture", e);
        } catch (AccessDeniedException e) {
            throw new SmbkitException(Failure.FILE_ERROR, "cannot read " + file + ": permission denied",
                    "Run as a user who may read it (captures made as root often are root's only)", e);
        } catch (IOException e) {
            throw new SmbkitException(Failure.FILE_ERROR, "cannot read " + file + ": " + e.getMessage(),
                    "Check the file and the disk", e);
        } catch (Malformed e) {
            throw new SmbkitException(Failure.MALFORMED_REPLY, file + " is not a capture file: " + e.getMessage(),
                    "Give a pcap or pcapng file (tcpdump -w, dumpcap, Wireshark, pktmon/etl2pcapng)", e);
        }
        read(summary, cf);
    }

    /**
     * Reads a capture from a stream (a file's bytes already in memory, say) into the report; throws
     * {@link SmbkitException} (malformed) only when it is not a capture at all.
     */
    public void read(String name, java.io.InputStream in) {
        CaptureReport.FileSummary summary = new CaptureReport.FileSummary(name);
        CaptureFile cf;
        try {
            cf = CaptureFile.of(in);
        } catch (IOException e) {
            throw new SmbkitException(Failure.FILE_ERROR, "cannot read " + name + ": " + e.getMessage(),
                    "Check the file and the disk", e);
        } catch (Malformed e) {
            throw new SmbkitException(Failure.MALFORMED_REPLY, name + " is not a capture file: " + e.getMessage(),
                    "Give a pcap or pcapng file (tcpdump -w, dumpcap, Wireshark, pktmon/etl2pcapng)", e);
        }
        read(summary, cf);
    }

    private void read(CaptureReport.FileSummary summary, CaptureFile cf) {
        String file = summary.path;
        summary.format = cf.kind().name().toLowerCase(java.util.Locale.ROOT);
        report.files.add(summary);
        try (cf) {
            Frame f;
            while ((f = cf.next()) != null) {
                summary.frames++;
                frame(f);
                if ((summary.frames & 0xFFF) == 0) {
                    progress.accept(bytesBefore + cf.offset());
                }
            }
            bytesBefore += cf.offset();
            progress.accept(bytesBefore);
            if (cf.truncation() != null) {
                summary.damage = cf.truncation();
                report.note(CaptureNote.of(Code.CUT_SHORT, file, cf.truncation()));
            }
        } catch (Malformed e) {
            summary.damage = e.getMessage();
            report.note(CaptureNote.of(Code.DAMAGED, file, e.getMessage()));
        } catch (IOException e) {
            summary.damage = e.getMessage();
            report.note(new CaptureNote(Code.READ_ERROR, file, summary.frames, 0, e.getMessage()));
        }
    }

    private void frame(Frame f) {
        report.frames++;
        if (report.firstNanos == null || f.timeNanos() < report.firstNanos) {
            report.firstNanos = f.timeNanos();
        }
        if (report.lastNanos == null || f.timeNanos() > report.lastNanos) {
            report.lastNanos = f.timeNanos();
        }
        if (!LinkLayer.supported(f.linkType())) {
            if (unsupportedLinks.add(f.linkType()) && unsupportedLinks.size() < 10) {
                report.note(CaptureNote.of(Code.LINK_TYPE, null, f.linkType()));
            }
            return;
        }
        try {
            Bytes ip = LinkLayer.ip(f.linkType(), f.data());
            if (ip == null) {
                return;
            }
            IpPacket.Result r = IpPacket.tcp(f.number(), f.timeNanos(), ip);
            if (r.skip == IpPacket.Skip.FRAGMENT) {
                report.ipFragments++;
                Bytes whole = (ip.u8(0) >> 4) == 4 ? fragments.fragment(ip, f.timeNanos()) : null;
                if (whole == null) {
                    return;
                }
                r = IpPacket.tcp(f.number(), f.timeNanos(), whole);
            }
            if (r.segment != null) {
                report.tcpSegments++;
                streams.segment(r.segment);
            }
        } catch (Malformed e) {
            report.badFrames++;
        } catch (SmbkitException e) {
            throw e; // the spill file cannot be written: not the frame's fault
        } catch (RuntimeException e) {
            report.badFrames++;
            report.internalErrors++;
        }
    }

    /** Ends the capture: connections still open stay open in the report (sessions "open at capture end"). */
    public CaptureReport finish() {
        fragments.finish();
        streams.finish(report.lastNanos == null ? 0 : report.lastNanos);
        report.ipDatagramsReassembled = fragments.reassembled();
        report.ipFragmentsLost = fragments.abandonedFragments();
        for (java.util.Map.Entry<String, Long> e : fragments.abandonedBy().entrySet()) {
            report.note(CaptureNote.of(Code.FRAGMENTS_LOST, e.getKey(), e.getValue()));
        }
        long v6 = report.ipFragments - fragments.fragmentsSeen();
        if (v6 > 0) {
            report.note(CaptureNote.of(Code.IPV6_FRAGMENTS, null, v6));
        }
        if (report.badFrames > 0) {
            report.note(CaptureNote.of(Code.BAD_FRAMES, null, report.badFrames));
        }
        report.connectionsEvicted = streams.evicted();
        report.peakConnections = streams.peak();
        if (report.connectionsEvicted > 0) {
            report.note(new CaptureNote(Code.EVICTED, null, report.connectionsEvicted, maxConnections, null));
        }
        Findings.Builder b = new Findings.Builder();
        try {
            report.sessions.forEach(b::add);
        } catch (java.io.UncheckedIOException e) {
            throw new SmbkitException(Failure.FILE_ERROR, e.getMessage(), "Check the disk of smbkit's state directory", e);
        }
        report.findings = b.result(report.endNanos());
        return report;
    }

    /** The whole analysis of the files, in order. Files that fail are reported when others were read. */
    public static CaptureReport analyse(List<Path> files, String client, String server) {
        return analyse(files, client, server, Set.of());
    }

    public static CaptureReport analyse(List<Path> files, String client, String server, Set<Integer> morePorts) {
        return analyse(files, client, server, morePorts, n -> {});
    }

    /** The same, telling {@code progress} the bytes read so far across the files as it goes. */
    public static CaptureReport analyse(List<Path> files, String client, String server, Set<Integer> morePorts,
            java.util.function.LongConsumer progress) {
        CaptureAnalysis a = new CaptureAnalysis(client, server, morePorts);
        a.progress = progress;
        List<SmbkitException> failed = new ArrayList<>();
        for (Path f : files) {
            try {
                a.read(f);
            } catch (SmbkitException e) {
                failed.add(e);
                a.report.failedFiles.add(e.oneLine());
            }
        }
        if (failed.size() == files.size() && !failed.isEmpty()) {
            throw failed.get(0);
        }
        return a.finish();
    }
}
