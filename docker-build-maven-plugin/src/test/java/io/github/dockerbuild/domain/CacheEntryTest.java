package io.github.dockerbuild.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import io.github.dockerbuild.config.InvalidValueException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CacheEntryTest {
  private static final String FROM = "<cacheFrom> (-Ddocker.cacheFrom)";
  private static final String TO = "<cacheTo> (-Ddocker.cacheTo)";

  @ParameterizedTest(name = "{0}: ''{1}'' -> {2}")
  @CsvSource(delimiter = '|', textBlock = """
      from | type=registry,ref=ghcr.io/org/app:cache        | registry | type=registry,ref=ghcr.io/org/app:cache
      from | ' type = registry , ref = ghcr.io/org/app:c '  | registry | type=registry,ref=ghcr.io/org/app:c
      from | ref=ghcr.io/org/app:cache,type=registry        | registry | type=registry,ref=ghcr.io/org/app:cache
      from | gha                                            | gha      | type=gha
      from | type=gha,scope=main,url=http://cache           | gha      | type=gha,scope=main,url=http://cache
      from | type=local,src=/var/cache/buildx               | local    | type=local,src=/var/cache/buildx
      from | type=s3,region=eu-west-1,bucket=b              | s3       | type=s3,region=eu-west-1,bucket=b
      from | type=azblob,name=x                             | azblob   | type=azblob,name=x
      from | type=registry,ref=host/app:tag=x               | registry | type=registry,ref=host/app:tag=x
      to   | inline                                         | inline   | type=inline
      to   | type=inline                                    | inline   | type=inline
      to   | type=gha,mode=max                              | gha      | type=gha,mode=max
      to   | type=local,dest=/tmp/cache,mode=max            | local    | type=local,dest=/tmp/cache,mode=max
      to   | type=registry,ref={archImage}:cache-{arch},mode=max,image-manifest=true | registry | type=registry,ref={archImage}:cache-{arch},mode=max,image-manifest=true
      """)
  void parse_valid(String direction, String text, String type, String arg) {
    CacheEntry entry = CacheEntry.parse(direction.equals("from") ? FROM : TO, text);

    assertThat(entry.type()).isEqualTo(type);
    assertThat(entry.toArg()).isEqualTo(arg);
    assertThat(entry).hasToString(arg);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {
      "type=registry,ref=ghcr.io/org/app:cache",
      "type=registry,ref={archImage}:cache-{arch},mode=max,oci-mediatypes=true",
      "type=gha,scope={arch}-{scope},mode=max",
      "type=local,dest=/tmp/c",
      "type=inline"})
  void toArg_csvRoundTrip(String text) {
    CacheEntry entry = CacheEntry.parse(TO, text);

    CacheEntry again = CacheEntry.parse(TO, entry.toArg());

    assertThat(again).isEqualTo(entry);
    assertThat(again.toArg()).isEqualTo(text);
  }

  @Test
  void parse_keepsAttributeOrder() {
    CacheEntry entry = CacheEntry.parse(TO, "type=registry,z=1,ref=r,a=2,mode=max");

    assertThat(entry.attributes()).containsExactly(entry("z", "1"), entry("ref", "r"), entry("a", "2"),
        entry("mode", "max"));
  }

  @ParameterizedTest(name = "{0} ''{1}''")
  @CsvSource(delimiter = '#', nullValues = "NULL", textBlock = """
      from # NULL                        # <cacheFrom> (-Ddocker.cacheFrom) '' is empty: remove the element or give type=...
      from # '   '                       # <cacheFrom> (-Ddocker.cacheFrom) '' is empty: remove the element or give type=...
      from # registry,ref=r              # <cacheFrom> (-Ddocker.cacheFrom) 'registry,ref=r' has a field without key=value: 'registry': write it as type=registry,ref=HOST/REPO:TAG
      from # type=gha,,mode=max          # <cacheFrom> (-Ddocker.cacheFrom) 'type=gha,,mode=max' has a field without key=value: '': write it as type=registry,ref=HOST/REPO:TAG
      from # =x,type=gha                 # <cacheFrom> (-Ddocker.cacheFrom) '=x,type=gha' has a field without key=value: '=x': write it as type=registry,ref=HOST/REPO:TAG
      from # ref=ghcr.io/org/app:cache   # <cacheFrom> (-Ddocker.cacheFrom) 'ref=ghcr.io/org/app:cache' has no type: start it with type=registry|local|gha|inline
      from # type=redis,url=x            # <cacheFrom> (-Ddocker.cacheFrom) 'type=redis,url=x' has an unknown type 'redis': use one of azblob, gha, inline, local, registry, s3
      from # registr                     # <cacheFrom> (-Ddocker.cacheFrom) 'registr' has an unknown type 'registr': use one of azblob, gha, inline, local, registry, s3
      from # type=registry               # <cacheFrom> (-Ddocker.cacheFrom) 'type=registry' has no ref: type=registry needs ref=HOST/REPO:TAG
      from # type=registry,ref=          # <cacheFrom> (-Ddocker.cacheFrom) 'type=registry,ref=' has no ref: type=registry needs ref=HOST/REPO:TAG
      to   # type=registry,mode=max      # <cacheTo> (-Ddocker.cacheTo) 'type=registry,mode=max' has no ref: type=registry needs ref=HOST/REPO:TAG
      from # type=local                  # <cacheFrom> (-Ddocker.cacheFrom) 'type=local' has no src: type=local needs src=DIRECTORY
      from # type=local,dest=/c          # <cacheFrom> (-Ddocker.cacheFrom) 'type=local,dest=/c' has no src: type=local needs src=DIRECTORY
      to   # type=local,src=/c           # <cacheTo> (-Ddocker.cacheTo) 'type=local,src=/c' has no dest: type=local needs dest=DIRECTORY
      from # inline                      # <cacheFrom> (-Ddocker.cacheFrom) 'inline' cannot be a cache source: inline cache is read with type=registry,ref=IMAGE_WITH_INLINE_CACHE
      from # type=inline                 # <cacheFrom> (-Ddocker.cacheFrom) 'type=inline' cannot be a cache source: inline cache is read with type=registry,ref=IMAGE_WITH_INLINE_CACHE
      """)
  void parse_invalid_namesParameterAndFix(String direction, String text, String message) {
    assertThatThrownBy(() -> CacheEntry.parse(direction.equals("from") ? FROM : TO, text))
        .isInstanceOf(InvalidValueException.class)
        .hasMessage(message);
  }

  @Test
  void resolve_replacesPlaceholdersInValuesOnly() {
    CacheEntry entry = CacheEntry.parse(TO, "type=registry,ref={archImage}:cache-{arch},{arch}=x,note={unknown}");

    CacheEntry resolved = entry.resolve(Map.of("archImage", "ghcr.io/org/app", "arch", "arm64"));

    assertThat(resolved.toArg()).isEqualTo("type=registry,ref=ghcr.io/org/app:cache-arm64,{arch}=x,note={unknown}");
    assertThat(entry.toArg()).as("the original is unchanged")
        .isEqualTo("type=registry,ref={archImage}:cache-{arch},{arch}=x,note={unknown}");
  }

  @Test
  void registryRef_onlyForRegistryEntries() {
    assertThat(CacheEntry.parse(FROM, "type=registry,ref=ghcr.io/org/app:c").registryRef())
        .isEqualTo("ghcr.io/org/app:c");
    assertThat(CacheEntry.parse(FROM, "type=gha,ref=not-a-registry").registryRef()).isNull();
    assertThat(CacheEntry.parse(FROM, "type=local,src=/c").registryRef()).isNull();
  }

  @Test
  void attributes_areACopyAndUnmodifiable() {
    Map<String, String> attrs = new LinkedHashMap<>(Map.of("ref", "r"));
    CacheEntry entry = new CacheEntry("registry", attrs);
    attrs.put("mode", "max");

    assertThat(entry.attributes()).containsOnlyKeys("ref");
    assertThatThrownBy(() -> entry.attributes().put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
  }
}
