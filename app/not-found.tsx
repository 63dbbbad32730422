import Link from 'next/link';

export default function NotFound() {
  return (
    <main>
      <h1>Not found</h1>
      <p className="muted">This page does not exist, or you do not have access to it.</p>
      <Link href="/" className="button">
        Go home
      </Link>
    </main>
  );
}
