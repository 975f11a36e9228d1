package smbkit.model;

/**
 * One TCP connection to the server's SMB ports, as the server's own kernel counts it ({@code nbtstat -s}'s
 * connection table with traffic). Bytes are the payload the server received ({@code bytesIn}) and sent
 * ({@code bytesOut}); fields the platform does not tell are null: {@code idleSeconds} is the time since the
 * last data in either direction, {@code ageSeconds} the time since the connection was made (on Linux since its
 * smbd process started: Samba forks one per connection), {@code pid} the process that owns the socket.
 */
public record TcpConnection(String localAddress, int localPort, String remoteAddress, int remotePort, String state,
        Long bytesIn, Long bytesOut, Long ageSeconds, Long idleSeconds, Long pid) {

    public boolean established() {
        return "ESTABLISHED".equals(state);
    }
}
