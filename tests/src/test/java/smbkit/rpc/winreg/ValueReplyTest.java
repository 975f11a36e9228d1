package smbkit.rpc.winreg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/** BaseRegQueryValue and BaseRegEnumValue answer a value's type, data and size the same way: read in one place. */
class ValueReplyTest {

    @Test
    void bothValueCallsReadTheValueOnce() throws Exception {
        for (Class<?> call : List.of(QueryValueCall.class, EnumValueCall.class)) {
            assertTrue(ValueReply.class.isAssignableFrom(call), call.getSimpleName());
            for (String m : List.of("type", "data", "needed")) {
                assertEquals(ValueReply.class, call.getMethod(m).getDeclaringClass(), call.getSimpleName() + "." + m);
            }
        }
    }
}
