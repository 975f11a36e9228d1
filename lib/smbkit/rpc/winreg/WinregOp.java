package smbkit.rpc.winreg;

import static smbkit.rpc.RpcOperation.params;
import static smbkit.rpc.ndr.NdrTypes.CONFORMANT_BYTES;
import static smbkit.rpc.ndr.NdrTypes.CONFORMANT_VARYING_BYTES;
import static smbkit.rpc.ndr.NdrTypes.CONTEXT_HANDLE;
import static smbkit.rpc.ndr.NdrTypes.FILETIME;
import static smbkit.rpc.ndr.NdrTypes.NULL_POINTER;
import static smbkit.rpc.ndr.NdrTypes.RPC_UNICODE_STRING;
import static smbkit.rpc.ndr.NdrTypes.U32;
import static smbkit.rpc.ndr.NdrTypes.UNIQUE_U32;
import static smbkit.rpc.ndr.NdrTypes.WCHAR;
import static smbkit.rpc.ndr.NdrTypes.unique;

import java.util.List;

import smbkit.rpc.RpcCall;
import smbkit.rpc.RpcOperation;
import smbkit.rpc.WinError;
import smbkit.rpc.ndr.MalformedReplyException;

/**
 * The MS-RRP operations smbkit calls, declared as data (MS-RRP 3.1.5): opnum, request and response
 * parameters with the specification's names.
 */
public enum WinregOp implements RpcOperation {

    /** ServerName is a unique pointer to ONE wchar_t that servers ignore. */
    OpenLocalMachine(2, params("ServerName", unique(WCHAR), "samDesired", U32), params("phKey", CONTEXT_HANDLE),
            r -> requireOpen(r, "phKey")),
    BaseRegCloseKey(5, params("hKey", CONTEXT_HANDLE), params("hKey", CONTEXT_HANDLE), Check.NONE),
    BaseRegCreateKey(6, params("hKey", CONTEXT_HANDLE, "lpSubKey", RPC_UNICODE_STRING, "lpClass", RPC_UNICODE_STRING,
            "dwOptions", U32, "samDesired", U32, "lpSecurityAttributes", NULL_POINTER, "lpdwDisposition", UNIQUE_U32),
            params("phkResult", CONTEXT_HANDLE, "lpdwDisposition", UNIQUE_U32), r -> requireOpen(r, "phkResult")),
    BaseRegDeleteKey(7, params("hKey", CONTEXT_HANDLE, "lpSubKey", RPC_UNICODE_STRING), List.of(), Check.NONE),
    BaseRegDeleteValue(8, params("hKey", CONTEXT_HANDLE, "lpValueName", RPC_UNICODE_STRING), List.of(), Check.NONE),
    /** Samba refuses a NULL class (ERROR_INVALID_PARAMETER): an empty one is sent to be filled, and a time. */
    BaseRegEnumKey(9, params("hKey", CONTEXT_HANDLE, "dwIndex", U32, "lpNameIn", RPC_UNICODE_STRING,
            "lpClassIn", unique(RPC_UNICODE_STRING), "lpftLastWriteTime", unique(FILETIME)),
            params("lpNameOut", RPC_UNICODE_STRING, "lplpClassOut", unique(RPC_UNICODE_STRING),
                    "lpftLastWriteTime", unique(FILETIME)), WinregOp::requireSubKey),
    BaseRegEnumValue(10, params("hKey", CONTEXT_HANDLE, "dwIndex", U32, "lpValueNameIn", RPC_UNICODE_STRING,
            "lpType", UNIQUE_U32, "lpData", unique(CONFORMANT_VARYING_BYTES), "lpcbData", UNIQUE_U32, "lpcbLen", UNIQUE_U32),
            params("lpValueNameOut", RPC_UNICODE_STRING, "lpType", UNIQUE_U32, "lpData", unique(CONFORMANT_VARYING_BYTES),
                    "lpcbData", UNIQUE_U32, "lpcbLen", UNIQUE_U32), WinregOp::requireValue),
    BaseRegOpenKey(15, params("hKey", CONTEXT_HANDLE, "lpSubKey", RPC_UNICODE_STRING, "dwOptions", U32, "samDesired", U32),
            params("phkResult", CONTEXT_HANDLE), r -> requireOpen(r, "phkResult")),
    /** The key's counts and largest sizes (MS-RRP 3.1.5.16): every [out] a reference pointer, so inline. */
    BaseRegQueryInfoKey(16, params("hKey", CONTEXT_HANDLE, "lpClassIn", RPC_UNICODE_STRING),
            params("lpClassOut", RPC_UNICODE_STRING, "lpcSubKeys", U32, "lpcbMaxSubKeyLen", U32, "lpcbMaxClassLen", U32,
                    "lpcValues", U32, "lpcbMaxValueNameLen", U32, "lpcbMaxValueLen", U32, "lpcbSecurityDescriptor", U32,
                    "lpftLastWriteTime", FILETIME), Check.NONE),
    BaseRegQueryValue(17, params("hKey", CONTEXT_HANDLE, "lpValueName", RPC_UNICODE_STRING, "lpType", UNIQUE_U32,
            "lpData", unique(CONFORMANT_VARYING_BYTES), "lpcbData", UNIQUE_U32, "lpcbLen", UNIQUE_U32),
            params("lpType", UNIQUE_U32, "lpData", unique(CONFORMANT_VARYING_BYTES), "lpcbData", UNIQUE_U32,
                    "lpcbLen", UNIQUE_U32), WinregOp::requireValue),
    /** lpData is a [ref] conformant byte array (its size, then the bytes), then cbData. */
    BaseRegSetValue(22, params("hKey", CONTEXT_HANDLE, "lpValueName", RPC_UNICODE_STRING, "dwType", U32,
            "lpData", CONFORMANT_BYTES, "cbData", U32), List.of(), Check.NONE);

    private final Declaration declaration;

    WinregOp(int opnum, List<Param> request, List<Param> response, Check check) {
        this.declaration = new Declaration(opnum, request, response, check);
    }

    @Override
    public Declaration declaration() {
        return declaration;
    }

    /** A context handle an ERROR_SUCCESS reply returns: all zeros is the NULL handle, never an open key. */
    private static void requireOpen(RpcCall r, String param) {
        if (!WinError.ERROR_SUCCESS.is(r.status())) {
            return;
        }
        for (byte b : r.<byte[]>out(param)) {
            if (b != 0) {
                return;
            }
        }
        throw new MalformedReplyException(r.name() + " returned ERROR_SUCCESS with a NULL (all-zero) handle");
    }

    private static void requireSubKey(RpcCall r) {
        String subKey = r.out("lpNameOut");
        if (WinError.ERROR_SUCCESS.is(r.status()) && (subKey == null || subKey.isEmpty())) {
            throw new MalformedReplyException(r.name() + " returned ERROR_SUCCESS with "
                    + (subKey == null ? "a NULL" : "an empty") + " subkey name");
        }
    }

    /**
     * The value an ERROR_SUCCESS reply returns: a type, and for REG_DWORD and REG_QWORD data of their size
     * (a DWORD of no bytes would read as nothing, or as some other number).
     */
    private static void requireValue(RpcCall r) {
        if (!WinError.ERROR_SUCCESS.is(r.status())) {
            return;
        }
        Long type = r.out("lpType");
        byte[] data = r.out("lpData");
        if (type == null) {
            throw new MalformedReplyException(r.name() + " returned ERROR_SUCCESS without the value's type");
        }
        int size = data == null ? 0 : data.length;
        int want = type == 4 || type == 5 ? 4 : type == 11 ? 8 : -1;
        if (want >= 0 && size != want) {
            throw new MalformedReplyException(r.name() + " returned a value of type " + type + " with " + size
                    + " bytes of data (it takes " + want + ")");
        }
    }
}
