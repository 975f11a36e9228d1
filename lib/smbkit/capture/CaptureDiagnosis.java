package smbkit.capture;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import smbkit.SmbkitException;
import smbkit.capture.net.Addresses;
import smbkit.capture.smb.SmbSession;
import smbkit.kb.Finding;
import smbkit.kb.HostDiagnosis;
import smbkit.rpc.Target;

/**
 * smb-diagnose --capture: a capture's findings for the server diagnosed (its sessions to that server's
 * address, on 445, 139 or the port the diagnosis used) added to the diagnosis, in its vocabulary and kinds,
 * each with a row of evidence naming the capture. The capture is read once for all hosts.
 */
public final class CaptureDiagnosis {

    private CaptureDiagnosis() {}

    /** The diagnoses with their capture findings; notes (a damaged capture, a host not resolved) to {@code notes}, as data. */
    public static List<HostDiagnosis> add(List<HostDiagnosis> hosts, List<Path> files, List<CaptureNote> notes) {
        Set<Integer> ports = new TreeSet<>();
        List<String> addresses = new ArrayList<>();
        for (HostDiagnosis h : hosts) {
            String address = null;
            try {
                Target t = Target.parse(h.host());
                ports.add(t.port());
                address = address(t.host());
            } catch (SmbkitException | UnknownHostException e) {
                notes.add(CaptureNote.of(CaptureNote.Code.NOT_MATCHED, h.host(), e.getMessage()));
            }
            addresses.add(address);
        }
        CaptureReport all = CaptureAnalysis.analyse(files, null, null, ports);
        for (CaptureReport.FileSummary f : all.files) {
            if (f.damage != null) {
                notes.add(CaptureNote.of(CaptureNote.Code.FINDINGS_BEFORE_DAMAGE, f.path, f.damage));
            }
        }
        all.failedFiles.forEach(line -> notes.add(CaptureNote.of(CaptureNote.Code.FILE_FAILED, null, line)));
        Finding.Evidence source = Finding.Evidence.of(Finding.Line.CAPTURE_SOURCE, Finding.Fact.FILES,
                files.stream().map(Path::toString).toList());
        List<HostDiagnosis> out = new ArrayList<>();
        try (all) {
            for (int i = 0; i < hosts.size(); i++) {
                HostDiagnosis h = hosts.get(i);
                String address = addresses.get(i);
                if (address == null) {
                    out.add(h);
                    continue;
                }
                Findings.Builder mine = new Findings.Builder();
                for (SmbSession s : all.sessions) {
                    if (address.equals(s.server)) {
                        mine.add(s);
                    }
                }
                List<Finding> findings = new ArrayList<>(h.findings());
                for (Finding f : mine.result(all.endNanos())) {
                    findings.add(f.with(source));
                }
                out.add(new HostDiagnosis(h.host(), h.snapshot(), findings, h.failure(), h.failureKind()));
            }
        }
        return out;
    }

    /** The address as a capture's report writes it. */
    static String address(String host) throws UnknownHostException {
        return Addresses.text(InetAddress.getByName(host).getAddress());
    }
}
