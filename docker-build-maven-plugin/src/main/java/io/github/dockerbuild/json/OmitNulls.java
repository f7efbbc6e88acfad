package io.github.dockerbuild.json;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On a record: its null components are left out of the JSON it is written as, as the OCI documents
 * it stands for leave out members they do not have; without it a null is written as {@code null}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface OmitNulls {}
