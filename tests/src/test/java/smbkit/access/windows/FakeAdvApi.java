package smbkit.access.windows;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.sun.jna.Pointer;
import com.sun.jna.platform.win32.WinNT;
import com.sun.jna.platform.win32.WinReg.HKEY;
import com.sun.jna.platform.win32.WinReg.HKEYByReference;
import com.sun.jna.ptr.IntByReference;

import smbkit.access.windows.AdvApi;

/**
 * advapi32's registry calls over an in-memory HKLM. Keys and value names compare without case, as on Windows.
 * It answers with Windows' codes (ERROR_FILE_NOT_FOUND, ERROR_MORE_DATA, ERROR_NO_MORE_ITEMS, and
 * ERROR_ACCESS_DENIED for any write when not elevated), records the access each open asked for, and counts
 * open handles so a test can check each was closed.
 */
final class FakeAdvApi implements AdvApi {

    static final int ERROR_FILE_NOT_FOUND = 2;
    static final int ERROR_ACCESS_DENIED = 5;
    static final int ERROR_INVALID_HANDLE = 6;
    static final int ERROR_MORE_DATA = 234;
    static final int ERROR_NO_MORE_ITEMS = 259;
    static final int WRITE_RIGHTS = WinNT.KEY_SET_VALUE | WinNT.KEY_CREATE_SUB_KEY;
    static final long HKLM = Pointer.nativeValue(com.sun.jna.platform.win32.WinReg.HKEY_LOCAL_MACHINE.getPointer());

    record Value(String name, int type, byte[] data) {}

    private record Node(String name, Map<String, Value> values) {}

    private final Map<String, Node> keys = new LinkedHashMap<>();
    private final Map<Long, String> open = new HashMap<>();
    private long nextHandle = 0x1000;
    final List<Integer> access = new ArrayList<>();
    boolean elevated = true;
    /** Grow the next value read by this many bytes between its size query and its data query. */
    int growNextRead;

    FakeAdvApi() {
        keys.put("", new Node("", new LinkedHashMap<>()));
    }

    int openHandles() {
        return open.size();
    }

    /** Puts a value straight in, as something else on the machine would have. */
    FakeAdvApi value(String key, String name, int type, byte[] data) {
        node(key, true).values.put(lower(name), new Value(name, type, data.clone()));
        return this;
    }

    Value stored(String key, String name) {
        Node n = keys.get(lower(key));
        return n == null ? null : n.values.get(lower(name));
    }

    private static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }

    private Node node(String path, boolean create) {
        if (create) {
            StringBuilder at = new StringBuilder();
            for (String part : path.split("\\\\")) {
                at.append(at.length() == 0 ? "" : "\\").append(part);
                keys.computeIfAbsent(lower(at.toString()), k -> new Node(part, new LinkedHashMap<>()));
            }
        }
        return keys.get(lower(path));
    }

    private String path(HKEY h) {
        long id = Pointer.nativeValue(h.getPointer());
        if (id == HKLM) {
            return "";
        }
        String p = open.get(id);
        if (p == null) {
            throw new AssertionError("a handle that is not open: " + id);
        }
        return p;
    }

    private Node at(HKEY h) {
        return node(path(h), false);
    }

    private static String join(String parent, String sub) {
        return parent.isEmpty() ? sub : sub == null || sub.isEmpty() ? parent : parent + "\\" + sub;
    }

    private int handle(String path, HKEYByReference out) {
        long h = nextHandle++;
        open.put(h, path);
        out.setValue(new HKEY(new Pointer(h)));
        return 0;
    }

    private List<String> children(String path) {
        String prefix = path.isEmpty() ? "" : lower(path) + "\\";
        List<String> out = new ArrayList<>();
        keys.forEach((k, n) -> {
            if (!k.isEmpty() && k.startsWith(prefix) && k.indexOf('\\', prefix.length()) < 0) {
                out.add(n.name);
            }
        });
        return out;
    }

    private static int name(String name, char[] buffer, IntByReference length) {
        if (name.length() >= length.getValue()) {
            return ERROR_MORE_DATA;
        }
        name.getChars(0, name.length(), buffer, 0);
        buffer[name.length()] = 0;
        length.setValue(name.length());
        return 0;
    }

    @Override
    public int RegOpenKeyEx(HKEY key, String subKey, int options, int samDesired, HKEYByReference result) {
        access.add(samDesired);
        String path = join(path(key), subKey);
        if (node(path, false) == null) {
            return ERROR_FILE_NOT_FOUND;
        }
        return !elevated && (samDesired & WRITE_RIGHTS) != 0 ? ERROR_ACCESS_DENIED : handle(path, result);
    }

    @Override
    public int RegCreateKeyEx(HKEY key, String subKey, int reserved, String keyClass, int options, int samDesired,
            Pointer securityAttributes, HKEYByReference result, IntByReference disposition) {
        access.add(samDesired);
        if (!elevated) {
            return ERROR_ACCESS_DENIED;
        }
        String path = join(path(key), subKey);
        node(path, true);
        return handle(path, result);
    }

    @Override
    public int RegCloseKey(HKEY key) {
        return open.remove(Pointer.nativeValue(key.getPointer())) == null ? ERROR_INVALID_HANDLE : 0;
    }

    @Override
    public int RegQueryValueEx(HKEY key, String valueName, Pointer reserved, IntByReference type, byte[] data,
            IntByReference size) {
        Node n = at(key);
        Value v = n.values.get(lower(valueName));
        if (v == null) {
            return ERROR_FILE_NOT_FOUND;
        }
        if (data != null && growNextRead > 0) {
            v = new Value(v.name(), v.type(), Arrays.copyOf(v.data(), v.data().length + growNextRead));
            n.values.put(lower(v.name()), v);
            growNextRead = 0;
        }
        if (type != null) {
            type.setValue(v.type());
        }
        if (data != null && size.getValue() < v.data().length) {
            size.setValue(v.data().length);
            return ERROR_MORE_DATA;
        }
        if (data != null) {
            System.arraycopy(v.data(), 0, data, 0, v.data().length);
        }
        size.setValue(v.data().length);
        return 0;
    }

    @Override
    public int RegSetValueEx(HKEY key, String valueName, int reserved, int type, byte[] data, int size) {
        value(path(key), valueName, type, Arrays.copyOf(data, size));
        return 0;
    }

    @Override
    public int RegEnumValue(HKEY key, int index, char[] valueName, IntByReference valueNameLength, Pointer reserved,
            IntByReference type, Pointer data, IntByReference size) {
        List<Value> values = new ArrayList<>(at(key).values.values());
        return index >= values.size() ? ERROR_NO_MORE_ITEMS : name(values.get(index).name(), valueName, valueNameLength);
    }

    @Override
    public int RegEnumKeyEx(HKEY key, int index, char[] name, IntByReference nameLength, Pointer reserved, char[] keyClass,
            IntByReference keyClassLength, Pointer lastWriteTime) {
        List<String> children = children(path(key));
        return index >= children.size() ? ERROR_NO_MORE_ITEMS : name(children.get(index), name, nameLength);
    }

    @Override
    public int RegDeleteValue(HKEY key, String valueName) {
        return at(key).values.remove(lower(valueName)) == null ? ERROR_FILE_NOT_FOUND : 0;
    }

    @Override
    public int RegDeleteKeyEx(HKEY key, String subKey, int samDesired, int reserved) {
        access.add(samDesired);
        String path = join(path(key), subKey);
        if (node(path, false) == null) {
            return ERROR_FILE_NOT_FOUND;
        }
        if (!children(path).isEmpty() || !elevated) {
            return ERROR_ACCESS_DENIED;
        }
        keys.remove(lower(path));
        return 0;
    }

    @Override
    public int GetSecurityDescriptorLength(Pointer securityDescriptor) {
        throw new AssertionError("the registry never asks for a descriptor's length");
    }
}
