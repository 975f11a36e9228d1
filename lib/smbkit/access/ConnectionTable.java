package smbkit.access;

import java.util.List;

import smbkit.model.SessionEndpoint;
import smbkit.model.TcpConnection;

/**
 * The server's own TCP connections on its SMB ports with their traffic, {@code nbtstat -s} as the KB reads
 * it: only on the server itself (local mode), since no remote call tells it. A {@link ServerAccess} that can
 * read it implements this too.
 */
public interface ConnectionTable {

    /** Every TCP connection on the ports the server listens on (139, 445, or its own smb ports), listeners excluded. */
    List<TcpConnection> tcpConnections();

    /** Every session with the client address and, where known, port it comes from. */
    List<SessionEndpoint> sessionEndpoints();
}
