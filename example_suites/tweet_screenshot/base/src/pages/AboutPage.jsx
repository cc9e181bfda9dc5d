export default function AboutPage() {
  return (
    <>
      <h1>About xdl</h1>
      <p>
        xdl finds the video files of a post on X and lets you save them. It never stores videos: every download
        streams from X through this server.
      </p>
      <p>Only save videos you have the right to keep.</p>
    </>
  );
}
