import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Opcodes;

/**
 * A build step, run by the build after the jar is shaded:
 * {@code java -cp asm.jar src/build/java/OldClassFiles.java JAR PREFIX}.
 *
 * <p>Rewrites the class files under {@code PREFIX} that are older than Java 6 as Java 8 class
 * files, with the stack map frames ASM computes from their code. picocli is compiled for Java 5;
 * the JVM's class-data archive cannot hold a class file that old, so every start loaded its ~170
 * classes from the jar and checked them with the old verifier (~40 ms of a `status`). Nothing
 * else in a class file changes, and the JVM verifies the frames as it verifies any class.
 */
public final class OldClassFiles {

  private static final int JAVA_6 = 50;

  public static void main(String[] args) throws IOException {
    Path jar = Path.of(args[0]);
    String prefix = args[1];
    Path rewritten = jar.resolveSibling(jar.getFileName() + ".rewriting");
    int count = 0;
    try (URLClassLoader classes = new URLClassLoader(new URL[] {jar.toUri().toURL()},
            ClassLoader.getPlatformClassLoader());
        ZipInputStream in = new ZipInputStream(Files.newInputStream(jar));
        ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(rewritten))) {
      for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
        byte[] bytes = in.readAllBytes();
        if (entry.getName().startsWith(prefix) && entry.getName().endsWith(".class") && major(bytes) < JAVA_6) {
          bytes = asJava8(bytes, classes);
          count++;
        }
        ZipEntry copy = new ZipEntry(entry.getName());
        copy.setTime(entry.getTime());
        out.putNextEntry(copy);
        out.write(bytes);
        out.closeEntry();
      }
    }
    Files.move(rewritten, jar, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    System.out.println("[INFO] " + jar.getFileName() + ": " + count + " class files under " + prefix
        + " rewritten as Java 8 class files");
  }

  private static int major(byte[] classFile) {
    return (classFile[6] & 0xff) << 8 | classFile[7] & 0xff;
  }

  private static byte[] asJava8(byte[] classFile, ClassLoader classes) {
    ClassWriter writer = new ClassWriter(ClassWriter.COMPUTE_FRAMES) {
      // the frames' merged types are looked up among the jar's own classes
      @Override
      protected ClassLoader getClassLoader() {
        return classes;
      }
    };
    new ClassReader(classFile).accept(new ClassVisitor(Opcodes.ASM9, writer) {
      @Override
      public void visit(int version, int access, String name, String signature, String superName,
          String[] interfaces) {
        super.visit(Opcodes.V1_8, access, name, signature, superName, interfaces);
      }
    }, 0);
    return writer.toByteArray();
  }

  private OldClassFiles() {}
}
