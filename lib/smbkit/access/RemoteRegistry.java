package smbkit.access;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import smbkit.Failure;
import smbkit.SmbkitException;
import smbkit.model.RegistryValue;
import smbkit.rpc.SmbConnection;
import smbkit.rpc.winreg.Winreg;
import smbkit.rpc.winreg.WinregClient;

/**
 * A server's registry over MS-RRP (\PIPE\winreg) on the same SMB connection as everything else. On Windows
 * the pipe is there only while the RemoteRegistry service runs: its absence is said so, with how to start it.
 */
public final class RemoteRegistry implements Registry {

    private final SmbConnection connection;
    private final String pipe;
    private WinregClient client;

    public RemoteRegistry(SmbConnection connection) {
        this(connection, Winreg.PIPE);
    }

    /** Over another pipe name: lets a test meet a server without \PIPE\winreg, as a stopped service leaves it. */
    RemoteRegistry(SmbConnection connection, String pipe) {
        this.connection = connection;
        this.pipe = pipe;
    }

    private WinregClient client() {
        if (client == null) {
            try {
                client = new WinregClient(connection.pipe(pipe, Winreg.SYNTAX), connection.target().toString());
                client.keyExists("SYSTEM");
            } catch (SmbkitException e) {
                client = null;
                if (e.failure() == Failure.NOT_AVAILABLE) {
                    String host = connection.target().host();
                    throw new SmbkitException(Failure.NOT_AVAILABLE, connection.target() + " offers no \\PIPE\\" + pipe + ": "
                            + "the RemoteRegistry service is not running there",
                            "Start it with 'sc \\\\" + host + " start RemoteRegistry' (or services.msc on the server), or run smbkit on the server itself", e);
                }
                throw e;
            }
        }
        return client;
    }

    @Override
    public boolean keyExists(String key) {
        return client().keyExists(key);
    }

    @Override
    public Optional<RegistryValue> get(String key, String name) {
        return client().get(key, name);
    }

    @Override
    public Map<String, RegistryValue> values(String key) {
        return client().values(key);
    }

    @Override
    public List<String> subkeys(String key) {
        return client().subkeys(key);
    }

    @Override
    public void set(String key, String name, RegistryValue value) {
        client().set(key, name, value);
    }

    @Override
    public void delete(String key, String name) {
        client().delete(key, name);
    }

    @Override
    public void createKey(String key) {
        client().createKey(key);
    }

    @Override
    public void deleteKey(String key) {
        client().deleteKey(key);
    }
}
