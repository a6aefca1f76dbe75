import { Link } from 'react-router';
import { PageTitle } from '../ui/Layout';

export default function NotFound() {
  return (
    <>
      <PageTitle title="Not found" />
      <p>
        No screen lives at this address. <Link to="/">Back to the dashboard</Link>.
      </p>
    </>
  );
}
