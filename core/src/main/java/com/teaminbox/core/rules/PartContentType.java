package com.teaminbox.core.rules;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.lang.reflect.Method;

import javax.mail.MessagingException;
import javax.mail.internet.MimeBodyPart;
import javax.mail.internet.MimeMessage;
import javax.mail.internet.MimePart;

import com.sun.mail.util.MimeUtil;

/**
 * A MIME part's content type, the very text javax.mail's {@code getContentType()} gives: its
 * Content-Type header, passed through the cleaner javax.mail is configured with (the system property
 * {@code mail.mime.contenttypehandler}, which James sets to its {@code ContentTypeCleaner}), else
 * {@code text/plain}. The same cleaner, read from javax.mail's {@code MimeUtil}, is called through a
 * method handle: javax.mail calls it by reflection, and {@code Method.invoke} looks for its caller
 * on the stack at each call (most of {@code getContentType}, for each part of each mail, in the
 * server's profile: docs/benchmarks.md, fourteenth round). A part whose class gives its content type
 * its own way, or a javax.mail whose cleaner cannot be read, is asked {@code getContentType()}.
 */
final class PartContentType {
    private static final MethodType CLEANER_TYPE = MethodType.methodType(String.class, MimePart.class, String.class);
    /** javax.mail's cleaner, or null when it has none. */
    private static final MethodHandle CLEANER;
    /** Whether javax.mail's cleaner could be read: otherwise each part is asked. */
    private static final boolean KNOWN;
    /** Whether a class's {@code getContentType()} is javax.mail's own, which this class repeats. */
    private static final ClassValue<Boolean> JAVAX_MAILS_OWN = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
            try {
                Class<?> declaring = type.getMethod("getContentType").getDeclaringClass();
                return declaring == MimeMessage.class || declaring == MimeBodyPart.class;
            } catch (NoSuchMethodException | RuntimeException e) {
                return false;
            }
        }
    };

    static {
        MethodHandle cleaner = null;
        boolean known = false;
        try {
            Field field = MimeUtil.class.getDeclaredField("cleanContentType");
            field.setAccessible(true);
            Method method = (Method) field.get(null);
            cleaner = method == null ? null : MethodHandles.publicLookup().unreflect(method).asType(CLEANER_TYPE);
            known = true;
        } catch (ReflectiveOperationException | RuntimeException e) {
            // another javax.mail: each part is asked, as before
        }
        CLEANER = cleaner;
        KNOWN = known;
    }

    private PartContentType() {
    }

    /** As {@code part.getContentType()}. */
    static String of(MimePart part) throws MessagingException {
        if (!KNOWN || !JAVAX_MAILS_OWN.get(part.getClass())) {
            return part.getContentType();
        }
        String type = part.getHeader("Content-Type", null);
        if (CLEANER != null) {
            type = clean(part, type);
        }
        return type == null ? "text/plain" : type;
    }

    /** As javax.mail's {@code MimeUtil.cleanContentType}: whatever the cleaner throws, the text as it was. */
    private static String clean(MimePart part, String type) {
        try {
            return (String) CLEANER.invokeExact(part, type);
        } catch (Throwable e) {
            return type;
        }
    }
}
