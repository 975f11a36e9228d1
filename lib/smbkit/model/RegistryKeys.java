package smbkit.model;

/**
 * The registry keys (under HKLM) that hold what the KB reads and changes: Windows's Lsa and LanmanServer
 * keys, and Samba's configuration when it lives in the registry.
 */
public final class RegistryKeys {

    private RegistryKeys() {}

    public static final String LSA = "SYSTEM\\CurrentControlSet\\Control\\Lsa";
    public static final String LANMAN = "SYSTEM\\CurrentControlSet\\Services\\LanmanServer\\Parameters";
    public static final String SAMBA_GLOBAL = "Software\\Samba\\smbconf\\global";
    public static final String SAMBA_CONF = "Software\\Samba\\smbconf";
}
