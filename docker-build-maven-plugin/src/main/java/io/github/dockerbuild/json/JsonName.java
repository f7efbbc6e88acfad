package io.github.dockerbuild.json;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On a record component: the member's name in JSON, where it is not the component's (one that is
 * not a Java name, such as the OCI platform's {@code os.version}).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface JsonName {
  String value();
}
