package smbkit.netbios;

import java.util.List;
import java.util.Optional;

/** What a node status query ({@code nbtstat -A}) taught about one address: its names and its MAC address. */
public record NodeStatus(String address, List<NetbiosName> names, String mac) {

    /** The computer's name: its unique {@code <20>} (server service), else its unique {@code <00>}. */
    public Optional<String> computerName() {
        return unique(0x20).or(() -> unique(0x00));
    }

    /** Its workgroup or domain: the group {@code <00>} name. */
    public Optional<String> workgroup() {
        return names.stream().filter(n -> n.group() && n.suffix() == 0x00).map(NetbiosName::name).findFirst();
    }

    /** Whether it holds {@code <1D>}: the local master browser of its workgroup. */
    public boolean masterBrowser() {
        return names.stream().anyMatch(n -> !n.group() && n.suffix() == 0x1D);
    }

    /** The user names registered as {@code <03>} other than the computer's own (old Windows' messenger service). */
    public List<String> messengerNames() {
        String own = computerName().orElse("");
        return names.stream().filter(n -> !n.group() && n.suffix() == 0x03 && !n.name().equalsIgnoreCase(own))
                .map(NetbiosName::name).toList();
    }

    private Optional<String> unique(int suffix) {
        return names.stream().filter(n -> !n.group() && n.suffix() == suffix).map(NetbiosName::name).findFirst();
    }
}
