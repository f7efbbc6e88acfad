package io.github.dockerbuild.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JsonTest {
  @Test
  void parse_everyKindOfValue() throws Exception {
    Object value = Json.parse(" {\"s\": \"a\\\"b\\\\c\\/d\\n\\u00e9\\ud83d\\ude00\", \"i\": -12, \"big\": 123456789012345678901234,"
        + " \"long\": 9223372036854775807, \"d\": 1.5e2, \"t\": true, \"f\": false, \"n\": null,"
        + " \"a\": [1, [], {}], \"o\": {\"k\": \"v\"}}\n");
    Map<String, Object> expected = new LinkedHashMap<>();
    expected.put("s", "a\"b\\c/d\né\uD83D\uDE00");
    expected.put("i", -12L);
    expected.put("big", new BigInteger("123456789012345678901234"));
    expected.put("long", Long.MAX_VALUE);
    expected.put("d", 150.0);
    expected.put("t", true);
    expected.put("f", false);
    expected.put("n", null);
    expected.put("a", List.of(1L, List.of(), Map.of()));
    expected.put("o", Map.of("k", "v"));
    assertThat(value).isEqualTo(expected);
    assertThat(new ArrayList<Object>(((Map<?, ?>) value).keySet())).as("in order")
        .containsExactlyElementsOf(expected.keySet());
  }

  @Test
  void parse_theLastOfADuplicateKeyWins_andAByteOrderMarkIsSkipped() throws Exception {
    assertThat(Json.parse("\uFEFF{\"a\":1,\"a\":2}")).isEqualTo(Map.of("a", 2L));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "{\"a\" 1}| expected ':' after \"a\" at line 1, column 6",
      "{\"a\":1,}| expected a member name in quotes at line 1, column 8",
      "[1 2]| expected ',' or ']' at line 1, column 4",
      "{\"a\":1| unexpected end of input at line 1, column 7",
      "\"abc| unterminated string at line 1, column 5",
      "tru| unexpected 't' at line 1, column 1",
      "\"a\\x\"| bad escape '\\x' at line 1, column 4",
      "-| bad number '-' at line 1, column 1",
      "| unexpected end of input at line 1, column 1"})
  void parse_notJson_saysWhatAndWhere(String text, String says) {
    assertThatThrownBy(() -> Json.parse(text == null ? "" : text)).isInstanceOf(JsonException.class)
        .hasMessage("not JSON: " + says.trim());
  }

  @Test
  void parse_textAfterTheValue_andASingleQuote_areRefused() {
    assertThatThrownBy(() -> Json.parse("{}\n x")).hasMessage("not JSON: unexpected 'x' after the value at line 2, column 2");
    assertThatThrownBy(() -> Json.parse("'a'")).hasMessage("not JSON: unexpected ''' at line 1, column 1");
  }

  @Test
  void parse_aControlCharacterInAString_isRefused() {
    assertThatThrownBy(() -> Json.parse("\"a\tb\"")).hasMessageContaining("control character in a string");
  }

  @Test
  void write_compact_keepsOrder_sorted_sortsKeys_pretty_indents() {
    Map<String, Object> value = new LinkedHashMap<>();
    value.put("b", 1L);
    value.put("a", List.of("x", Map.of()));
    value.put("c", new ArrayList<>());
    assertThat(Json.write(value, Json.Style.COMPACT)).isEqualTo("{\"b\":1,\"a\":[\"x\",{}],\"c\":[]}");
    assertThat(Json.write(value, Json.Style.COMPACT_SORTED)).isEqualTo("{\"a\":[\"x\",{}],\"b\":1,\"c\":[]}");
    assertThat(Json.write(value, Json.Style.PRETTY)).isEqualTo("{\n  \"b\": 1,\n  \"a\": [\n    \"x\",\n    {}\n  ],\n"
        + "  \"c\": []\n}");
  }

  @Test
  void write_escapesStringsAsJacksonDoes() throws Exception {
    StringBuilder every = new StringBuilder();
    for (char c = 0; c < 0x80; c++) {
      every.append(c);
    }
    every.append("é€\uD83D\uDE00\u2028");
    String text = every.toString();
    assertThat(Json.write(text, Json.Style.COMPACT)).isEqualTo(new ObjectMapper().writeValueAsString(text));
    assertThat(Json.parse(Json.write(text, Json.Style.COMPACT))).isEqualTo(text);
  }

  @Test
  void write_numbersAsJacksonDoes() throws Exception {
    List<Object> numbers = List.of(0L, -1L, Long.MAX_VALUE, 7, 1.5, 1.0E20, new BigInteger("123456789012345678901234"));
    assertThat(Json.write(numbers, Json.Style.COMPACT)).isEqualTo(new ObjectMapper().writeValueAsString(numbers));
  }

  @Test
  void write_refusesWhatJsonCannotHold() {
    assertThatThrownBy(() -> Json.write(Double.NaN, Json.Style.COMPACT)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Json.write(new Object(), Json.Style.COMPACT)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("cannot write a java.lang.Object as JSON");
  }

  @Test
  void parse_readsWhatJacksonWrites_andJacksonReadsWhatThisWrites() throws Exception {
    Map<String, Object> value = new LinkedHashMap<>();
    value.put("list", List.of(1L, "two", true, Map.of("n", -3L)));
    value.put("nested", Map.of("e", "é\n"));
    value.put("null", null);
    ObjectMapper jackson = new ObjectMapper();
    assertThat(Json.parse(jackson.writerWithDefaultPrettyPrinter().writeValueAsString(value))).isEqualTo(value);
    assertThat(jackson.readTree(Json.write(value, Json.Style.PRETTY)).toString())
        .isEqualTo(jackson.writeValueAsString(value));
  }

  @Test
  void tree_pathsNeverFail_andSayWhatIsThere() throws Exception {
    Tree tree = Json.tree("{\"schema\": 3, \"s\": \"x\", \"b\": true, \"n\": null, \"a\": [10, {\"k\": \"v\"}],"
        + " \"big\": 9999999999}");
    assertThat(tree.path("schema").isInt()).isTrue();
    assertThat(tree.path("schema").asInt(-1)).isEqualTo(3);
    assertThat(tree.path("big").isInt()).isFalse();
    assertThat(tree.path("big").isLong()).isTrue();
    assertThat(tree.path("s").asText()).isEqualTo("x");
    assertThat(tree.path("s").text()).isEqualTo("x");
    assertThat(tree.path("schema").text()).isNull();
    assertThat(tree.path("schema").asText()).isEqualTo("3");
    assertThat(tree.path("b").asBoolean(false)).isTrue();
    assertThat(tree.path("n").isNull()).isTrue();
    assertThat(tree.path("n").isMissing()).isFalse();
    assertThat(tree.path("n").exists()).isFalse();
    assertThat(tree.path("nothing").isMissing()).isTrue();
    assertThat(tree.path("nothing").path("deeper").path(3).asText()).isEmpty();
    assertThat(tree.path("a").path(1).path("k").asText()).isEqualTo("v");
    assertThat(tree.path("a").path(2).isMissing()).isTrue();
    assertThat(tree.path("a").elements()).extracting(Tree::value).containsExactly(10L, Map.of("k", "v"));
    assertThat(tree.path("a").size()).isEqualTo(2);
    assertThat(tree.fields().keySet()).containsExactly("schema", "s", "b", "n", "a", "big");
    assertThat(tree.path("s").fields()).isEmpty();
    assertThat(tree.path("s").elements()).isEmpty();
    assertThat(tree.path("a").toString()).isEqualTo("[10,{\"k\":\"v\"}]");
    assertThat(Json.tree("{\"n\": \"1700000000123\", \"x\": \"1.5\"}").path("n").asLong(-1))
        .as("a whole number in a string, as protobuf's JSON writes int64").isEqualTo(1700000000123L);
    assertThat(Json.tree("{\"x\": \"1.5\"}").path("x").asLong(-1)).isEqualTo(-1);
  }
}
