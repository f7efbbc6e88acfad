package io.github.dockerbuild.json;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On a type's public no-argument method: the type is written as what the method returns, and read
 * through its {@link JsonCreator} (an enum without one: the constant whose method returns the text).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface JsonValue {}
