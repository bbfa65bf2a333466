import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.citewatch.evaluate.QuoteLocator;
import org.citewatch.evaluate.QuoteMatch;

/**
 * How long the approximate tier takes: a 300-character quote, reworded, looked for in a 500 KB page
 * of Albanian and Serbian official prose. Run after `mvn package`:
 *
 *   java -cp target/citewatch.jar bench/ApproximateSearchBench.java
 */
public class ApproximateSearchBench {

  static final String[] SENTENCES = {
      "Kërkesa për leje-qëndrim të përkohshëm paraqitet në Departamentin për Shtetësi, Azil dhe Migrim.",
      "I huaji duhet të ketë sigurim shëndetësor për tërë kohëzgjatjen e qëndrimit në Republikën e Kosovës.",
      "Leja lëshohet për një periudhë deri në një vit dhe mund të vazhdohet me kërkesë të palës.",
      "Zahtev za odobrenje privremenog boravka podnosi se nadležnoj policijskoj upravi prema mestu boravka.",
      "Stranac je dužan da prijavi boravište u roku od 24 časa od ulaska u Republiku Srbiju.",
      "Захтев за продужење привременог боравка подноси се најраније три месеца пре истека одобреног боравка.",
      "Republička administrativna taksa plaća se prema tarifi koja važi na dan podnošenja zahteva.",
      "Dokumentet duhet të jenë origjinale ose kopje të noterizuara, të përkthyera në gjuhën shqipe.",
  };

  public static void main(String[] args) {
    Random random = new Random(42);
    StringBuilder page = new StringBuilder();
    while (page.length() < 500_000) {
      page.append(SENTENCES[random.nextInt(SENTENCES.length)]).append(random.nextInt(5) == 0 ? "\n" : " ");
    }
    String clause = "Dëshminë që nuk është i dënuar, e lëshuar nga shteti, shtetas i të cilit është i huaji, jo më e vjetër "
        + "se gjashtë muaj, e vërtetuar dhe e përkthyer në gjuhën shqipe ose serbe nga përkthyes gjyqësor i licencuar, "
        + "së bashku me vërtetimin se i huaji nuk është nën hetime në shtetin e origjinës apo në shtetin e vendbanimit";
    String drifted = clause.replace("e lëshuar nga shteti", "dhe dëshminë që nuk është nën hetime e lëshuar nga shteti");
    page.insert(page.length() / 2, "\n" + drifted + ".\n");
    String quote = clause.substring(0, 300);
    System.out.printf(Locale.ROOT, "page %,d characters; quote %d characters%n", page.length(), quote.length());

    QuoteMatch match = null;
    List<Long> cold = new ArrayList<>();
    List<Long> warm = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      long t0 = System.nanoTime();
      QuoteLocator locator = new QuoteLocator(page.toString());
      match = locator.find(quote).orElseThrow();
      long t1 = System.nanoTime();
      locator.find(quote).orElseThrow();
      long t2 = System.nanoTime();
      if (i >= 5) {
        cold.add(t1 - t0);
        warm.add(t2 - t1);
      }
    }
    System.out.printf(Locale.ROOT, "tier %s, %.0f%% alike%n", match.tier(), match.similarity() * 100);
    report("page prepared and searched (all tiers, first quote)", cold);
    report("search only, page already prepared", warm);
  }

  static void report(String what, List<Long> nanos) {
    List<Long> sorted = nanos.stream().sorted().toList();
    System.out.printf(Locale.ROOT, "%-55s median %6.1f ms   p90 %6.1f ms   (%d runs)%n", what,
        sorted.get(sorted.size() / 2) / 1e6, sorted.get(sorted.size() * 9 / 10) / 1e6, sorted.size());
  }
}
