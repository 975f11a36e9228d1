package smbkit.access;

import java.util.List;
import java.util.Optional;

import smbkit.model.RegistryValue;

/**
 * The part of a server's registry smbkit reads and changes (HKEY_LOCAL_MACHINE only), whichever way it is
 * reached: MS-RRP over \PIPE\winreg, advapi32 on Windows itself, or Samba's own registry tools locally.
 * Keys are paths below HKLM with backslashes ("SYSTEM\CurrentControlSet\Control\Lsa").
 */
public interface Registry {

    boolean keyExists(String key);

    /** The value, or empty when the key or the value does not exist. */
    Optional<RegistryValue> get(String key, String name);

    /** Every value of a key, by name (the empty name is the key's default value). */
    java.util.Map<String, RegistryValue> values(String key);

    List<String> subkeys(String key);

    /** Creates the key (and its parents) when missing, then sets the value. */
    void set(String key, String name, RegistryValue value);

    /** Deletes the value; a value already absent is not an error. */
    void delete(String key, String name);

    /** Creates the key (and its parents) when missing. */
    void createKey(String key);

    /** Deletes a key that has no subkeys; a key already absent is not an error. */
    void deleteKey(String key);
}
