package io.github.dockerbuild.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.dockerbuild.domain.Platform;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BindingTest {
  enum Plain { ONE, TWO }

  enum Worded {
    FIRST_ONE, SECOND;

    @JsonValue
    public String id() {
      return name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    @JsonCreator
    public static Worded of(String id) {
      return valueOf(id.toUpperCase(Locale.ROOT).replace(' ', '_'));
    }
  }

  record Inner(String name, int count) {}

  record Outer(String text, long size, Long maybe, boolean flag, Integer boxed, Plain plain, Worded worded,
      Platform platform, List<Inner> inners, Set<String> set, Map<String, Integer> counts,
      Map<Platform, String> byPlatform, Inner nothing, byte[] bytes, Object anything) {}

  @OmitNulls
  record Sparse(String a, @JsonName("os.version") String osVersion, String c) {}

  record Checked(String value) {
    Checked {
      if (value != null && value.isBlank()) {
        throw new IllegalArgumentException("blank");
      }
    }
  }

  private static Outer outer() {
    Map<Platform, String> byPlatform = new LinkedHashMap<>();
    byPlatform.put(Platform.parse("linux/arm64"), "arm");
    byPlatform.put(Platform.parse("linux/amd64"), "amd");
    return new Outer("t", 1L << 40, null, true, 7, Plain.TWO, Worded.FIRST_ONE, Platform.parse("linux/arm/v7"),
        List.of(new Inner("a", 1), new Inner("b", 2)), Set.of("s"), Map.of("x", 3), byPlatform, null,
        new byte[] {1, 2, 3}, Map.of("free", List.of(1L)));
  }

  @Test
  void aRecord_isAnObjectOfItsComponentsInOrder_nullsIncluded() {
    String json = Json.write(outer(), Json.Style.COMPACT);
    assertThat(json).isEqualTo("{\"text\":\"t\",\"size\":1099511627776,\"maybe\":null,\"flag\":true,\"boxed\":7,"
        + "\"plain\":\"TWO\",\"worded\":\"first one\",\"platform\":\"linux/arm/v7\",\"inners\":[{\"name\":\"a\","
        + "\"count\":1},{\"name\":\"b\",\"count\":2}],\"set\":[\"s\"],\"counts\":{\"x\":3},\"byPlatform\":"
        + "{\"linux/arm64\":\"arm\",\"linux/amd64\":\"amd\"},\"nothing\":null,\"bytes\":\"AQID\",\"anything\":"
        + "{\"free\":[1]}}");
  }

  @Test
  void whatIsWritten_readsBackEqual() throws Exception {
    Outer read = Json.read(Json.write(outer(), Json.Style.PRETTY), Outer.class);
    assertThat(read).usingRecursiveComparison().isEqualTo(outer());
    assertThat(read.byPlatform().keySet()).containsExactly(Platform.parse("linux/arm64"), Platform.parse("linux/amd64"));
  }

  @Test
  void itWritesWhatJacksonWrites_andEachReadsTheOthers() throws Exception {
    ObjectMapper jackson = Jackson.mapper();
    assertThat(Json.write(outer(), Json.Style.COMPACT)).isEqualTo(jackson.writeValueAsString(outer()));
    Sparse sparse = new Sparse("a", "10.0", null);
    assertThat(Json.write(sparse, Json.Style.COMPACT)).isEqualTo(jackson.writeValueAsString(sparse))
        .isEqualTo("{\"a\":\"a\",\"os.version\":\"10.0\"}");
    // (an Object member: Jackson reads a small number as an Integer, this as a Long)
    assertThat(jackson.readValue(Json.write(outer(), Json.Style.PRETTY), Outer.class)).usingRecursiveComparison()
        .ignoringFields("anything").isEqualTo(outer());
    assertThat(Json.read(jackson.writeValueAsString(outer()), Outer.class)).usingRecursiveComparison()
        .isEqualTo(outer());
  }

  @Test
  void missingMembers_areNullZeroOrFalse_andUnknownOnesIgnored() throws Exception {
    Outer read = Json.read("{\"text\": \"t\", \"unknown\": {\"deep\": [1]}}", Outer.class);
    assertThat(read.text()).isEqualTo("t");
    assertThat(read.size()).isZero();
    assertThat(read.flag()).isFalse();
    assertThat(read.maybe()).isNull();
    assertThat(read.inners()).isNull();
    assertThat(Json.read("{\"os.version\": \"1\"}", Sparse.class)).isEqualTo(new Sparse(null, "1", null));
  }

  @Test
  void scalarsAreCoercedAsJacksonDoes() throws Exception {
    assertThat(Json.read("{\"text\": 12, \"size\": \"34\", \"flag\": \"true\"}", Outer.class))
        .extracting(Outer::text, Outer::size, Outer::flag).containsExactly("12", 34L, true);
  }

  @Test
  void aValueThatDoesNotFit_saysWhereAndWhat() {
    assertThatThrownBy(() -> Json.read("{\"inners\": [{\"name\": \"a\", \"count\": \"many\"}]}", Outer.class))
        .isInstanceOf(JsonException.class).hasMessage("expected a number at $.inners[0].count, found \"many\"");
    assertThatThrownBy(() -> Json.read("{\"inners\": {}}", Outer.class))
        .hasMessage("expected an array at $.inners, found an object");
    assertThatThrownBy(() -> Json.read("{\"boxed\": 12345678901}", Outer.class))
        .hasMessage("expected a whole number that fits an int at $.boxed, found 12345678901");
    assertThatThrownBy(() -> Json.read("{\"plain\": \"THREE\"}", Outer.class))
        .hasMessage("'THREE' at $.plain is not one of Plain's values");
    assertThatThrownBy(() -> Json.read("{\"platform\": \"a/b/c/d\"}", Outer.class))
        .isInstanceOf(JsonException.class).hasMessageStartingWith("cannot make a Platform of the value at $.platform: ");
    assertThatThrownBy(() -> Json.read("{\"value\": \" \"}", Checked.class))
        .hasMessage("cannot make a Checked of the value at $: blank");
  }
}
