package io.github.dockerbuild.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyName;
import com.fasterxml.jackson.databind.cfg.MapperConfig;
import com.fasterxml.jackson.databind.introspect.Annotated;
import com.fasterxml.jackson.databind.introspect.JacksonAnnotationIntrospector;

/**
 * Jackson's mapper, reading the plugin's JSON annotations as its own: the independent check that
 * the plugin's JSON is what a general-purpose mapper writes and reads for the same types (and so
 * that files Jackson wrote before stay readable).
 */
public final class Jackson {
  private Jackson() {}

  /** A mapper that ignores unknown members, as the plugin's reading does. */
  public static ObjectMapper mapper() {
    return new ObjectMapper().setAnnotationIntrospector(new PluginAnnotations())
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
  }

  /** {@link JsonValue}, {@link JsonCreator}, {@link JsonName} and {@link OmitNulls} as Jackson's own. */
  private static final class PluginAnnotations extends JacksonAnnotationIntrospector {
    @Override
    public Boolean hasAsValue(Annotated a) {
      return a.hasAnnotation(JsonValue.class) ? Boolean.TRUE : super.hasAsValue(a);
    }

    @Override
    public com.fasterxml.jackson.annotation.JsonCreator.Mode findCreatorAnnotation(MapperConfig<?> config, Annotated a) {
      return a.hasAnnotation(JsonCreator.class) ? com.fasterxml.jackson.annotation.JsonCreator.Mode.DEFAULT
          : super.findCreatorAnnotation(config, a);
    }

    @Override
    public PropertyName findNameForSerialization(Annotated a) {
      JsonName name = a.getAnnotation(JsonName.class);
      return name != null ? PropertyName.construct(name.value()) : super.findNameForSerialization(a);
    }

    @Override
    public PropertyName findNameForDeserialization(Annotated a) {
      JsonName name = a.getAnnotation(JsonName.class);
      return name != null ? PropertyName.construct(name.value()) : super.findNameForDeserialization(a);
    }

    @Override
    public JsonInclude.Value findPropertyInclusion(Annotated a) {
      return a.hasAnnotation(OmitNulls.class) ? JsonInclude.Value.construct(JsonInclude.Include.NON_NULL, null)
          : super.findPropertyInclusion(a);
    }
  }
}
