package accord.bench.search;

import com.sedmelluq.discord.lavaplayer.player.AudioPlayerManager;
import com.sedmelluq.discord.lavaplayer.source.AudioSourceManager;
import com.sedmelluq.discord.lavaplayer.source.http.HttpAudioSourceManager;
import com.sedmelluq.discord.lavaplayer.tools.FriendlyException;
import com.sedmelluq.discord.lavaplayer.track.AudioItem;
import com.sedmelluq.discord.lavaplayer.track.AudioReference;
import com.sedmelluq.discord.lavaplayer.track.AudioTrack;
import com.sedmelluq.discord.lavaplayer.track.AudioTrackInfo;
import com.sedmelluq.discord.lavaplayer.track.BasicAudioPlaylist;
import java.io.DataInput;
import java.io.DataOutput;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;

/**
 * Test-only source for Accord's real-Lavalink bench: answers {@code ytsearch:}, {@code ytmsearch:},
 * {@code scsearch:} (the fallback's SoundCloud search), bare 11-character video ids, YouTube watch links and playlist links from the bench's media
 * catalogue (a loopback HTTP server named by the environment variable ACCORD_BENCH_CATALOGUE_URL),
 * then loads the matching file through Lavalink's own http source. Never part of a deployment.
 */
@Service
public class BenchSearchSourceManager implements AudioSourceManager {
  private static final Pattern VIDEO_ID = Pattern.compile("^[A-Za-z0-9_-]{11}$");
  private static final Pattern WATCH =
      Pattern.compile("^https?://(?:www\\.|music\\.|m\\.)?(?:youtube\\.com/watch\\?(?:.*&)?v=|youtu\\.be/)([A-Za-z0-9_-]{11}).*$");
  private static final Pattern PLAYLIST =
      Pattern.compile("^https?://(?:www\\.|music\\.)?youtube\\.com/playlist\\?(?:.*&)?list=([A-Za-z0-9_-]+).*$");

  private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String catalogue = System.getenv("ACCORD_BENCH_CATALOGUE_URL");

  @Override
  public String getSourceName() {
    return "accord-bench";
  }

  @Override
  public AudioItem loadItem(AudioPlayerManager manager, AudioReference reference) {
    if (catalogue == null) return null;
    String identifier = reference.identifier;
    for (String prefix : new String[] {"ytsearch:", "ytmsearch:", "scsearch:"}) {
      if (identifier.startsWith(prefix)) {
        List<AudioTrack> tracks = loadAll(manager, ask("search", "q", identifier.substring(prefix.length())));
        if (tracks.isEmpty()) return AudioReference.NO_TRACK;
        return new BasicAudioPlaylist("Search results for: " + identifier.substring(prefix.length()), tracks, null, true);
      }
    }
    Matcher playlist = PLAYLIST.matcher(identifier);
    if (playlist.matches()) {
      List<String> lines = ask("playlist", "list", playlist.group(1));
      if (lines.isEmpty()) return AudioReference.NO_TRACK;
      List<AudioTrack> tracks = loadAll(manager, lines.subList(1, lines.size()));
      return new BasicAudioPlaylist(lines.get(0), tracks, null, false);
    }
    Matcher watch = WATCH.matcher(identifier);
    String videoId = watch.matches() ? watch.group(1) : VIDEO_ID.matcher(identifier).matches() ? identifier : null;
    if (videoId == null) return null;
    List<AudioTrack> tracks = loadAll(manager, ask("video", "id", videoId));
    return tracks.isEmpty() ? AudioReference.NO_TRACK : tracks.get(0);
  }

  /** One URL per line from the catalogue (for a playlist, its name first). */
  private List<String> ask(String what, String key, String value) {
    String url = catalogue + "/plugin/" + what + "?" + key + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8);
    try {
      HttpResponse<String> response =
          client.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build(),
              HttpResponse.BodyHandlers.ofString());
      List<String> lines = new ArrayList<>();
      if (response.statusCode() != 200) return lines;
      for (String line : response.body().split("\n")) if (!line.isBlank()) lines.add(line.trim());
      return lines;
    } catch (Exception e) {
      throw new FriendlyException("The bench catalogue did not answer.", FriendlyException.Severity.SUSPICIOUS, e);
    }
  }

  private List<AudioTrack> loadAll(AudioPlayerManager manager, List<String> urls) {
    HttpAudioSourceManager http = manager.source(HttpAudioSourceManager.class);
    List<AudioTrack> tracks = new ArrayList<>();
    if (http == null) return tracks;
    for (String url : urls) {
      AudioItem item = http.loadItem(manager, new AudioReference(url, null));
      if (item instanceof AudioTrack) tracks.add((AudioTrack) item);
    }
    return tracks;
  }

  @Override
  public boolean isTrackEncodable(AudioTrack track) {
    return false; // every track it returns belongs to the http source
  }

  @Override
  public void encodeTrack(AudioTrack track, DataOutput output) {}

  @Override
  public AudioTrack decodeTrack(AudioTrackInfo trackInfo, DataInput input) {
    return null;
  }

  @Override
  public void shutdown() {}
}
