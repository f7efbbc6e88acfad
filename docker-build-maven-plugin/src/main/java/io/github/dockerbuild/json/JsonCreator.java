package io.github.dockerbuild.json;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On a type's public static one-argument method: the type is read by calling it with the JSON
 * value, read as the method's parameter type; what it throws is reported with the value's place.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface JsonCreator {}
